// Menu chính trên màn hình hẹp: thu gọn sau nút "Danh mục" (aria-expanded) để tám mục menu
// không chiếm nửa màn hình điện thoại. Không có JavaScript thì menu vẫn hiện đủ như bình thường;
// trên màn hình rộng nút không hiện (css/site.css).
(function () {
  'use strict';
  var nav = document.querySelector('.site-nav');
  var list = document.getElementById('menu-chinh');
  if (!nav || !list) {
    return;
  }
  var box = document.createElement('div');
  box.className = 'wrap nut-menu-o';
  var btn = document.createElement('button');
  btn.type = 'button';
  btn.className = 'nut-menu';
  btn.setAttribute('aria-expanded', 'false');
  btn.setAttribute('aria-controls', 'menu-chinh');
  var icon = document.createElement('span');
  icon.setAttribute('aria-hidden', 'true');
  icon.className = 'nut-menu-bieu-tuong';
  btn.appendChild(icon);
  btn.appendChild(document.createTextNode('Danh mục'));
  box.appendChild(btn);
  nav.insertBefore(box, list);
  nav.classList.add('co-nut-menu');

  function set(open) {
    btn.setAttribute('aria-expanded', open ? 'true' : 'false');
    nav.classList.toggle('mo', open);
  }
  btn.addEventListener('click', function () {
    set(btn.getAttribute('aria-expanded') !== 'true');
  });
  // Esc đóng menu đang mở và đưa con trỏ về nút.
  nav.addEventListener('keydown', function (e) {
    if ((e.key === 'Escape' || e.key === 'Esc') && nav.classList.contains('mo')) {
      set(false);
      btn.focus();
    }
  });
})();
