/* Lọc và sắp xếp danh mục thủ tục hành chính (filter and sort the procedure registry).
 *
 * Without this script the registry page and its filter pages offer links to pre-rendered pages
 * (/thu-tuc-hanh-chinh/<linh-vuc|cap|trang-thai|thay-doi>/<value>/). With it, a form built from
 * those links filters the table on the page in place, on any combination of field, level, state
 * and latest change, plus a search on code and name (marks and case ignored); the choice is kept
 * in the address (?linh-vuc=…&tim=…) so that it can be shared. On a filter page, choosing another
 * value of the page's own group opens that value's page. The column headers become buttons that
 * sort the table (aria-sort tells which). Plain ES5, no library, no inline handler. */
(function () {
  'use strict';
  var table = document.querySelector('table[data-tthc-bang]');
  var nav = document.querySelector('[data-tthc-loc]');
  if (!table || !nav || !table.tBodies.length || !document.createElement('div').classList) {
    return;
  }
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var collator = window.Intl && Intl.Collator ? new Intl.Collator('vi', { numeric: true, sensitivity: 'base' }) : null;
  var groups = Array.prototype.slice.call(nav.querySelectorAll('.tthc-loc-nhom[data-facet]'));
  var facets = [];
  var uid = 0;

  function fold(s) {
    s = (s || '').toLowerCase();
    if (s.normalize) {
      s = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    }
    return s.replace(/đ/g, 'd').replace(/\s+/g, ' ').trim();
  }

  function el(name, attrs, text) {
    var e = document.createElement(name);
    for (var k in attrs) {
      if (Object.prototype.hasOwnProperty.call(attrs, k)) {
        e.setAttribute(k, attrs[k]);
      }
    }
    if (text) {
      e.textContent = text;
    }
    return e;
  }

  // What filtering needs of each row, read once.
  var info = rows.map(function (tr, i) {
    var name = tr.querySelector('th');
    return {
      tr: tr,
      index: i,
      text: fold((tr.cells[0] ? tr.cells[0].textContent : '') + ' ' + (name ? name.textContent : ''))
    };
  });

  // The form.
  var form = el('form', { 'class': 'tthc-loc-form', 'role': 'search', 'aria-label': 'Lọc danh mục thủ tục' });
  var search = el('input', { 'type': 'search', 'id': 'tthc-tim', 'name': 'tim', 'autocomplete': 'off' });
  var searchBox = el('div', { 'class': 'tthc-o-loc' });
  searchBox.appendChild(el('label', { 'for': 'tthc-tim' }, 'Tìm theo mã hoặc tên thủ tục'));
  searchBox.appendChild(search);
  form.appendChild(searchBox);

  groups.forEach(function (g) {
    var key = g.getAttribute('data-facet');
    var current = g.getAttribute('data-hien-tai') || '';
    var id = 'tthc-loc-' + key + '-' + (++uid);
    var box = el('div', { 'class': 'tthc-o-loc' });
    var select = el('select', { 'id': id, 'name': key });
    box.appendChild(el('label', { 'for': id }, g.getAttribute('data-ten') || key));
    var all = el('option', { 'value': '' }, 'Tất cả');
    all.setAttribute('data-href', nav.getAttribute('data-tat-ca') || '');
    select.appendChild(all);
    Array.prototype.forEach.call(g.querySelectorAll('a[data-value]'), function (a) {
      var count = a.parentNode.querySelector('.count');
      var o = el('option', { 'value': a.getAttribute('data-value') }, a.textContent + (count ? ' ' + count.textContent : ''));
      o.setAttribute('data-href', a.getAttribute('href'));
      select.appendChild(o);
    });
    box.appendChild(select);
    form.appendChild(box);
    facets.push({ key: key, select: select, current: current });
    if (current) {
      select.value = current;
    }
  });

  var buttons = el('div', { 'class': 'tthc-loc-nut' });
  var reset = el('button', { 'type': 'button' }, 'Bỏ lọc');
  buttons.appendChild(reset);
  form.appendChild(buttons);
  var status = el('p', { 'class': 'tthc-ket-qua', 'role': 'status', 'aria-live': 'polite' });
  // The form takes the place of the link groups, after the heading and the current filter.
  nav.insertBefore(form, groups.length ? groups[0] : null);
  nav.insertBefore(status, form.nextSibling);
  nav.classList.add('tthc-co-js');

  function apply(announce) {
    var want = [];
    facets.forEach(function (f) {
      if (f.select.value && !f.current) {
        want.push({ attr: 'data-' + f.key, value: f.select.value });
      }
    });
    var q = fold(search.value);
    var shown = 0;
    info.forEach(function (r) {
      var ok = !q || r.text.indexOf(q) >= 0;
      for (var i = 0; ok && i < want.length; i++) {
        ok = r.tr.getAttribute(want[i].attr) === want[i].value;
      }
      r.tr.hidden = !ok;
      if (ok) {
        shown++;
      }
    });
    if (announce) {
      status.textContent = shown === 0 ? 'Không có thủ tục nào phù hợp; hãy bỏ bớt điều kiện lọc.' :
        'Đang hiện ' + shown + ' trên ' + info.length + ' thủ tục.';
    }
    remember();
  }

  // The choice is kept in the address so that it can be shared or bookmarked.
  function remember() {
    if (!window.history || !history.replaceState || !window.URLSearchParams) {
      return;
    }
    var p = new URLSearchParams();
    facets.forEach(function (f) {
      if (f.select.value && !f.current) {
        p.set(f.key, f.select.value);
      }
    });
    if (search.value.trim()) {
      p.set('tim', search.value.trim());
    }
    var s = p.toString();
    history.replaceState(null, '', location.pathname + (s ? '?' + s : '') + location.hash);
  }

  function restore() {
    if (!window.URLSearchParams) {
      return false;
    }
    var p = new URLSearchParams(location.search);
    var any = false;
    facets.forEach(function (f) {
      var v = p.get(f.key);
      if (v && !f.current && f.select.querySelector('option[value="' + v.replace(/["\\]/g, '') + '"]')) {
        f.select.value = v;
        any = true;
      }
    });
    if (p.get('tim')) {
      search.value = p.get('tim');
      any = true;
    }
    return any;
  }

  facets.forEach(function (f) {
    f.select.addEventListener('change', function () {
      if (f.current) {
        // The page's own group: its other values are other pages.
        var o = f.select.options[f.select.selectedIndex];
        var href = o && o.getAttribute('data-href');
        if (href) {
          location.href = href;
        }
        return;
      }
      apply(true);
    });
  });
  var timer = null;
  search.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { apply(true); }, 150);
  });
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    apply(true);
  });
  reset.addEventListener('click', function () {
    facets.forEach(function (f) {
      if (!f.current) {
        f.select.value = '';
      }
    });
    search.value = '';
    apply(true);
    search.focus();
  });

  // Sorting: every header with data-sort gets a button.
  var headers = Array.prototype.slice.call(table.tHead ? table.tHead.rows[0].cells : []);
  headers.forEach(function (th, col) {
    var kind = th.getAttribute('data-sort');
    if (!kind) {
      return;
    }
    var b = el('button', { 'type': 'button' });
    while (th.firstChild) {
      b.appendChild(th.firstChild);
    }
    th.appendChild(b);
    b.addEventListener('click', function () {
      var dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
      headers.forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir);
      sortBy(col, kind, dir === 'ascending' ? 1 : -1);
      status.textContent = 'Đã sắp xếp theo ' + b.textContent.trim() + ', ' + (dir === 'ascending' ? 'tăng dần' : 'giảm dần') + '.';
    });
  });

  // The order of a facet's values is that of its links (levels from the top down, states in
  // the registry's order).
  function facetOrder(facet) {
    var order = {};
    var g = nav.querySelector('.tthc-loc-nhom[data-facet="' + facet + '"]');
    if (g) {
      Array.prototype.forEach.call(g.querySelectorAll('a[data-value]'), function (a, i) {
        order[a.getAttribute('data-value')] = i;
      });
    }
    return order;
  }

  // Sort kinds: "thu-tu" is the page's own order (codes in natural order), "chu" the cell's
  // text in Vietnamese order, any other a facet whose values order the rows.
  function key(r, col, kind, order) {
    if (kind === 'thu-tu') {
      return r.index;
    }
    if (kind === 'chu') {
      var cell = r.tr.cells[col];
      return cell ? cell.textContent.trim() : '';
    }
    var v = order[r.tr.getAttribute('data-' + kind)];
    return v === undefined ? Infinity : v;
  }

  function sortBy(col, kind, sign) {
    var order = kind === 'thu-tu' || kind === 'chu' ? null : facetOrder(kind);
    var keyed = info.map(function (r) { return { r: r, k: key(r, col, kind, order) }; });
    keyed.sort(function (a, b) {
      var c;
      if (kind === 'chu') {
        c = collator ? collator.compare(a.k, b.k) : (a.k < b.k ? -1 : a.k > b.k ? 1 : 0);
      } else {
        c = a.k < b.k ? -1 : a.k > b.k ? 1 : 0;
      }
      return c * sign || a.r.index - b.r.index;
    });
    var frag = document.createDocumentFragment();
    keyed.forEach(function (x) { frag.appendChild(x.r.tr); });
    tbody.appendChild(frag);
  }

  apply(restore());
}());
