// Package decode reads YAML and TOML (front matter and the site config) into a tree that keeps the
// line of every value, and decodes it strictly into structs tagged `fm:"key[,required]"`: unknown
// keys are errors that suggest the closest known key, dates follow the content contract in
// Asia/Ho_Chi_Minh, and codes that look like numbers must be quoted. Every message is for editors,
// in Vietnamese, with the line of the file.
package decode
