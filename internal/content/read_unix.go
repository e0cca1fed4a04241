//go:build unix

package content

import (
	"io"
	"io/fs"
	"os"
	"syscall"
)

// readFile reads the file name whole, like os.ReadFile but without offering the file to the
// network poller (four fcntl and a failed epoll_ctl per file, for thousands of small files).
func readFile(name string) ([]byte, error) {
	var fd int
	for {
		var err error
		fd, err = syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		break
	}
	f := os.NewFile(uintptr(fd), name)
	defer f.Close()
	size := 512
	if st, err := f.Stat(); err == nil && st.Size() > 0 && st.Size() < 1<<30 {
		size = int(st.Size()) + 1 // one more byte to see the end in one read
	}
	data := make([]byte, 0, size)
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}
