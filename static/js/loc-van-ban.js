/* Lọc văn bản (documents filter) for the documents index and its filtered pages.
 *
 * Without this script the index offers links to pre-rendered lists (by type, year and issuing
 * body). With it, the form above the list filters every document at once, on any combination
 * of the three, from the JSON list the build writes (data-json), and keeps the choice in the
 * address (?loai=…&nam=…&co-quan=…) so that it can be shared. Plain ES5, no library. */
(function () {
  'use strict';
  var form = document.querySelector('form.loc-van-ban');
  if (!form || !window.fetch || !window.URLSearchParams || !Array.prototype.filter) {
    return;
  }
  var results = document.getElementById('van-ban-ket-qua');
  var links = document.querySelector('.loc-lien-ket');
  var heading = document.getElementById('vb-danh-sach');
  var status = form.querySelector('.loc-trang-thai');
  var reset = form.querySelector('.bo-loc');
  var base = form.getAttribute('data-goc') || '';
  var keys = ['loai', 'nam', 'co-quan'];
  var fields = { 'loai': 'loai_slug', 'nam': 'nam', 'co-quan': 'co_quan_slug' };
  var STEP = 50;
  var loading = null;

  form.hidden = false;
  if (links) {
    links.hidden = true;
  }

  function load() {
    if (!loading) {
      loading = fetch(form.getAttribute('data-json'), { headers: { 'Accept': 'application/json' } })
        .then(function (r) {
          if (!r.ok) {
            throw new Error('mã lỗi ' + r.status);
          }
          return r.json();
        });
    }
    return loading;
  }

  function chosen() {
    var c = {};
    keys.forEach(function (k) {
      var el = form.elements[k];
      c[k] = el ? el.value : '';
    });
    return c;
  }

  function say(text) {
    status.textContent = '';
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) {
      e.className = cls;
    }
    if (text) {
      e.textContent = text;
    }
    return e;
  }

  function item(d) {
    var li = el('li', 'van-ban-muc');
    var h = el('h3');
    var a = el('a', '', d.tieu_de);
    a.href = d.url;
    h.appendChild(a);
    li.appendChild(h);
    var meta = el('p', 'meta');
    meta.appendChild(el('span', 'so-hieu', d.so_ky_hieu));
    meta.appendChild(el('span', '', d.loai));
    meta.appendChild(el('span', '', d.co_quan_ban_hanh));
    var when = el('span', '', 'Ban hành ');
    var t = el('time', '', d.ngay_ban_hanh);
    t.setAttribute('datetime', d.ngay_ban_hanh_iso);
    when.appendChild(t);
    meta.appendChild(when);
    li.appendChild(meta);
    return li;
  }

  function render(list) {
    while (results.firstChild) {
      results.removeChild(results.firstChild);
    }
    var ul = el('ul', 'page-list van-ban-list');
    results.appendChild(ul);
    var shown = 0;
    var more = el('button', 'xem-them');
    more.type = 'button';
    function next() {
      var end = Math.min(shown + STEP, list.length);
      for (; shown < end; shown++) {
        ul.appendChild(item(list[shown]));
      }
      if (shown < list.length) {
        more.textContent = 'Xem thêm ' + Math.min(STEP, list.length - shown) + ' văn bản (đang hiện ' + shown + '/' + list.length + ')';
      } else if (more.parentNode) {
        more.parentNode.removeChild(more);
      }
    }
    more.addEventListener('click', function () {
      var first = shown;
      next();
      var a = ul.children[first] && ul.children[first].querySelector('a');
      if (a) {
        a.focus();
      }
    });
    if (list.length === 0) {
      ul.appendChild(el('li', '', 'Không có văn bản nào phù hợp.'));
    }
    next();
    if (shown < list.length) {
      results.appendChild(more);
    }
  }

  function apply() {
    var c = chosen();
    say('Đang lọc…');
    load().then(function (docs) {
      var list = docs.filter(function (d) {
        return keys.every(function (k) {
          return !c[k] || String(d[fields[k]]) === c[k];
        });
      });
      render(list);
      if (heading) {
        heading.textContent = 'Kết quả lọc: ' + list.length + ' văn bản';
      }
      say(list.length ? 'Có ' + list.length + ' văn bản phù hợp.' : 'Không có văn bản nào phù hợp với điều kiện lọc; hãy bỏ bớt điều kiện.');
      var q = new URLSearchParams();
      keys.forEach(function (k) {
        if (c[k]) {
          q.set(k, c[k]);
        }
      });
      var qs = q.toString();
      if (window.history && history.replaceState) {
        history.replaceState(null, '', base + (qs ? '?' + qs : ''));
      }
    }).catch(function (err) {
      loading = null;
      say('Không tải được danh sách văn bản để lọc (' + err.message + '). Bạn vẫn có thể dùng các liên kết lọc bên dưới, hoặc thử lại sau.');
      if (links) {
        links.hidden = false;
      }
    });
  }

  form.addEventListener('change', apply);
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    apply();
  });
  if (reset) {
    reset.addEventListener('click', function () {
      keys.forEach(function (k) {
        if (form.elements[k]) {
          form.elements[k].value = '';
        }
      });
      apply();
    });
  }

  // A shared address (?loai=…) opens with its filter applied.
  var q = new URLSearchParams(window.location.search);
  var any = false;
  keys.forEach(function (k) {
    var v = q.get(k);
    var sel = form.elements[k];
    if (v && sel) {
      sel.value = v;
      any = any || sel.value === v;
    }
  });
  if (any) {
    apply();
  }
}());
