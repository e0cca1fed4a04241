/* Gửi phản ánh, kiến nghị (the feedback form).
 *
 * Without this script the form is a plain form post to the configured endpoint (or a mailto:
 * form when only an e-mail address is configured). With it, the form checks every field before
 * sending, ties each message to its field (aria-describedby, aria-invalid), lists the problems
 * in a summary that takes the focus, then sends with fetch and says the result in the live
 * region — or, in e-mail mode, opens the visitor's mail program with the message filled in.
 * A filled honeypot field (trang_web) is treated as a robot: nothing is sent. Plain ES5. */
(function () {
  'use strict';
  var form = document.getElementById('gop-y-bieu-mau');
  if (!form || !form.querySelector) {
    return;
  }
  var mode = form.getAttribute('data-che-do');
  var email = form.getAttribute('data-email') || '';
  var result = document.getElementById('gy-ket-qua');
  var summary = document.getElementById('gy-tom-tat-loi');
  var button = form.querySelector('button[type="submit"]');
  var subject = 'Phản ánh, kiến nghị gửi từ Chuyên trang Cải cách hành chính';
  var TIMEOUT = 30000;

  // The script checks the fields itself, with messages in Vietnamese.
  form.noValidate = true;

  function field(name) {
    return form.elements[name];
  }

  function value(name) {
    var f = field(name);
    return f ? String(f.value).replace(/^\s+|\s+$/g, '') : '';
  }

  function errorOf(f) {
    return document.getElementById(f.id + '-loi');
  }

  function setError(name, msg) {
    var f = field(name);
    var p = errorOf(f);
    f.setAttribute('aria-invalid', 'true');
    if (p) {
      p.textContent = msg;
      p.hidden = false;
    }
  }

  function clearError(f) {
    var p = errorOf(f);
    f.removeAttribute('aria-invalid');
    if (p) {
      p.textContent = '';
      p.hidden = true;
    }
  }

  function validate() {
    var errors = [];
    function add(name, msg) {
      setError(name, msg);
      errors.push({ id: field(name).id, msg: msg });
    }
    var names = ['ho_ten', 'email', 'dien_thoai', 'linh_vuc', 'tieu_de', 'noi_dung', 'dong_y'];
    names.forEach(function (n) {
      if (field(n)) {
        clearError(field(n));
      }
    });
    if (!value('ho_ten')) {
      add('ho_ten', 'Hãy nhập họ và tên.');
    }
    var mail = value('email');
    var phone = value('dien_thoai');
    if (!mail && !phone) {
      add('email', 'Hãy nhập thư điện tử hoặc số điện thoại để chúng tôi trả lời bạn.');
      setError('dien_thoai', 'Hãy nhập số điện thoại hoặc thư điện tử.');
    }
    if (mail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(mail)) {
      add('email', 'Địa chỉ thư điện tử chưa đúng, ví dụ đúng: ten@example.com.');
    }
    if (phone) {
      var digits = phone.replace(/[^0-9]/g, '');
      if (!/^[0-9+().\s-]+$/.test(phone) || digits.length < 8 || digits.length > 15) {
        add('dien_thoai', 'Số điện thoại chưa đúng: chỉ gồm chữ số (có thể có dấu cách, dấu chấm, dấu +), từ 8 đến 15 chữ số, ví dụ 024 3795 6868.');
      }
    }
    if (!value('tieu_de')) {
      add('tieu_de', 'Hãy nhập tiêu đề.');
    }
    var text = value('noi_dung');
    if (!text) {
      add('noi_dung', 'Hãy nhập nội dung phản ánh, kiến nghị.');
    } else if (text.length < 20) {
      add('noi_dung', 'Nội dung quá ngắn; hãy trình bày cụ thể hơn (ít nhất 20 ký tự).');
    }
    if (!field('dong_y').checked) {
      add('dong_y', 'Hãy đánh dấu ô đồng ý để gửi phản ánh, kiến nghị.');
    }
    return errors;
  }

  function showSummary(errors) {
    while (summary.firstChild) {
      summary.removeChild(summary.firstChild);
    }
    if (!errors.length) {
      summary.hidden = true;
      return;
    }
    var h = document.createElement('h2');
    h.textContent = errors.length === 1 ? 'Có 1 ô cần sửa trước khi gửi:' : 'Có ' + errors.length + ' ô cần sửa trước khi gửi:';
    summary.appendChild(h);
    var ul = document.createElement('ul');
    errors.forEach(function (e) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = '#' + e.id;
      a.textContent = e.msg;
      a.addEventListener('click', function (ev) {
        ev.preventDefault();
        document.getElementById(e.id).focus();
      });
      li.appendChild(a);
      ul.appendChild(li);
    });
    summary.appendChild(ul);
    summary.hidden = false;
    summary.focus();
  }

  function say(text, ok) {
    result.className = 'gy-ket-qua' + (ok === true ? ' thanh-cong' : ok === false ? ' that-bai' : '');
    result.textContent = '';
    window.setTimeout(function () { result.textContent = text; }, 50);
  }

  function orMail() {
    return email ? ' Bạn cũng có thể gửi thư điện tử tới ' + email + '.' : '';
  }

  function busy(on) {
    if (button) {
      button.disabled = on;
    }
    form.setAttribute('aria-busy', on ? 'true' : 'false');
  }

  function fieldText() {
    var f = field('linh_vuc');
    return f && f.value ? f.value : 'Chưa xác định';
  }

  function mailto() {
    var lines = [
      'Họ và tên: ' + value('ho_ten'),
      'Thư điện tử: ' + (value('email') || '(không có)'),
      'Số điện thoại: ' + (value('dien_thoai') || '(không có)'),
      'Lĩnh vực: ' + fieldText(),
      '',
      'Nội dung:',
      value('noi_dung'),
      '',
      '(Người gửi đồng ý để cơ quan nhận dùng thông tin trên để xem xét, trả lời.)'
    ];
    return 'mailto:' + email + '?subject=' + encodeURIComponent(subject + ': ' + value('tieu_de')) +
      '&body=' + encodeURIComponent(lines.join('\r\n'));
  }

  function send() {
    var body = new URLSearchParams();
    var data = new FormData(form);
    data.forEach(function (v, k) {
      body.append(k, v);
    });
    var ctrl = window.AbortController ? new AbortController() : null;
    var timer = ctrl ? window.setTimeout(function () { ctrl.abort(); }, TIMEOUT) : 0;
    busy(true);
    say('Đang gửi phản ánh, kiến nghị…');
    fetch(form.action, {
      method: 'POST',
      body: body,
      headers: { 'Accept': 'application/json, text/plain, */*' },
      signal: ctrl ? ctrl.signal : undefined
    }).then(function (r) {
      if (r.ok) {
        form.reset();
        say('Cảm ơn bạn. Phản ánh, kiến nghị đã được gửi thành công; đơn vị có thẩm quyền sẽ xem xét và trả lời theo thông tin liên hệ bạn để lại.', true);
        return;
      }
      var msg;
      if (r.status === 400 || r.status === 422) {
        msg = 'Máy chủ không nhận nội dung đã điền (mã lỗi ' + r.status + '). Hãy kiểm tra lại các ô rồi gửi lại.';
      } else if (r.status === 413) {
        msg = 'Nội dung quá dài để gửi (mã lỗi 413). Hãy rút gọn rồi gửi lại.';
      } else if (r.status === 429) {
        msg = 'Bạn đã gửi nhiều lần trong thời gian ngắn (mã lỗi 429). Hãy thử lại sau ít phút.';
      } else if (r.status >= 500) {
        msg = 'Máy chủ nhận phản ánh đang gặp sự cố (mã lỗi ' + r.status + '). Hãy thử lại sau.' + orMail();
      } else {
        msg = 'Chưa gửi được phản ánh, kiến nghị (mã lỗi ' + r.status + '). Hãy thử lại sau.' + orMail();
      }
      say(msg, false);
    }).catch(function (err) {
      var msg = err && err.name === 'AbortError'
        ? 'Máy chủ không phản hồi sau ' + (TIMEOUT / 1000) + ' giây nên chưa gửi được. Hãy thử lại sau.'
        : 'Không gửi được vì không kết nối được tới máy chủ. Hãy kiểm tra kết nối mạng rồi thử lại.';
      say(msg + orMail(), false);
    }).then(function () {
      window.clearTimeout(timer);
      busy(false);
    });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var errors = validate();
    showSummary(errors);
    if (errors.length) {
      say('Chưa gửi: có ' + errors.length + ' ô cần sửa.', false);
      return;
    }
    if (value('trang_web')) {
      // A robot filled the hidden field: pretend, send nothing.
      form.reset();
      say('Cảm ơn bạn. Phản ánh, kiến nghị đã được ghi nhận.', true);
      return;
    }
    if (mode === 'email' || !window.fetch || !window.URLSearchParams || !window.FormData) {
      if (mode === 'email') {
        window.location.href = mailto();
        say('Chương trình thư điện tử trên máy của bạn đã được mở với nội dung đã điền; hãy kiểm tra rồi bấm Gửi trong chương trình đó. Nếu không thấy chương trình thư mở ra, hãy viết thư tới ' + email + '.', true);
      } else {
        form.submit();
      }
      return;
    }
    send();
  });

  // A field's message goes away as soon as it is edited.
  form.addEventListener('input', function (e) {
    var f = e.target;
    if (f && f.getAttribute && f.getAttribute('aria-invalid') === 'true') {
      clearError(f);
    }
  });
  form.addEventListener('change', function (e) {
    var f = e.target;
    if (f && f.type === 'checkbox' && f.checked && f.getAttribute('aria-invalid') === 'true') {
      clearError(f);
    }
  });
}());
