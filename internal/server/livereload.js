// Live reload for the cchc preview: injected into every page the preview serves, never into a
// build. It listens to the server's events; after a successful build it reloads the page (or
// only the stylesheets when only CSS changed); after a failed build it shows the errors over the
// page, and takes them away when they are fixed.
(function () {
  "use strict";
  var script = document.currentScript;
  var loaded = Number((script && new URL(script.src).searchParams.get("v")) || 0);
  var overlay = null;

  function showErrors(errors) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "cchc-loi";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
        "background:rgba(20,20,20,.94);color:#fff;font:16px/1.5 system-ui,sans-serif;padding:2rem";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    var h = document.createElement("h2");
    h.textContent = "Không dựng được trang: " + errors.length + " lỗi";
    h.style.cssText = "margin:0 0 .5rem;color:#ffb4a9;font-size:1.5rem";
    var p = document.createElement("p");
    p.textContent = "Trang đang hiện là bản dựng tốt gần nhất. Hãy sửa các lỗi sau và lưu tệp; thông báo này sẽ tự biến mất.";
    var ul = document.createElement("ul");
    ul.style.cssText = "font:15px/1.6 ui-monospace,monospace;padding-left:1.25rem";
    errors.forEach(function (e) {
      var li = document.createElement("li");
      li.textContent = e;
      ul.appendChild(li);
    });
    overlay.appendChild(h);
    overlay.appendChild(p);
    overlay.appendChild(ul);
  }

  function reloadCSS() {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    Array.prototype.forEach.call(links, function (l) {
      var u = new URL(l.href);
      u.searchParams.set("cchc", Date.now());
      l.href = u.toString();
    });
  }

  var es = new EventSource("/__cchc/events");
  es.addEventListener("status", function (ev) {
    var st = JSON.parse(ev.data);
    if (st.errors && st.errors.length) {
      showErrors(st.errors);
      return;
    }
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
    if (st.version && st.version !== loaded) {
      if (st.cssOnly && loaded) {
        loaded = st.version;
        reloadCSS();
      } else {
        location.reload();
      }
    }
  });
})();
