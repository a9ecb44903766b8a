/**
 * Stylesheet and script of the flame graphs (strings, so the compiled binary carries them). The
 * script finds every `svg.flamegraph` on the page (several may share one page), adds a toolbar
 * (harness toggle, search, reset) before it, and re-lays out every frame on zoom: the zoomed frame
 * spans the full width, its ancestors full width above it, dimmed, labels re-truncated to fit.
 * `window.pacerFlameInit(root)` wires graphs added to the page later.
 *
 * @module
 */

export const FLAME_CSS = `
.flame-tools{display:flex;flex-wrap:wrap;gap:6px;align-items:center;margin:6px 0;font-size:13px}
.flame-tools input{font:inherit;padding:2px 6px;min-width:16em}.flame-tools button{font:inherit;cursor:pointer}
.flame-status{color:#556}
.flamegraph text{font:11px monospace;fill:#111;pointer-events:none}
.flamegraph .frame{cursor:pointer;outline:none}.flamegraph .frame:hover rect,.flamegraph .frame:focus rect{stroke:#000;stroke-width:.8}
.flamegraph .frame.ancestor{opacity:.55}.flamegraph .frame.match rect{fill:#e040fb}
.flamegraph .frame.harness text{font-style:italic}
`;

export const FLAME_JS = `
(function () {
  function num(g, k) { return Number(g.getAttribute("data-" + k)); }
  function fit(name, px, cw) {
    var n = Math.floor((px - 6) / cw);
    return name.length <= n ? name : n < 3 ? "" : name.slice(0, n - 1) + "\\u2026";
  }
  function init(svg) {
    var W = num(svg, "width"), NS = "http://www.w3.org/2000/svg";
    var views = Array.prototype.slice.call(svg.querySelectorAll("g.flame-view"));
    var state = { view: null, frames: [], byId: {}, query: "" };
    var probe = document.createElementNS(NS, "text");
    probe.textContent = "MMMMMMMMMM"; svg.appendChild(probe);
    var cw = probe.getComputedTextLength() / 10 || 6.6; svg.removeChild(probe);

    var tools = document.createElement("div"); tools.className = "flame-tools";
    var toggle = null, full = views.filter(function (v) { return v.getAttribute("data-view") === "full"; })[0];
    if (views.length > 1) {
      toggle = document.createElement("button"); toggle.type = "button"; toggle.className = "flame-toggle";
      tools.appendChild(toggle);
    }
    var input = document.createElement("input"); input.type = "search"; input.className = "flame-search";
    input.placeholder = "Search frames: text or /regex/"; input.setAttribute("aria-label", "Search frames");
    var clear = document.createElement("button"); clear.type = "button"; clear.textContent = "Clear"; clear.className = "flame-clear";
    var reset = document.createElement("button"); reset.type = "button"; reset.textContent = "Reset zoom"; reset.className = "flame-reset";
    var status = document.createElement("span"); status.className = "flame-status"; status.setAttribute("aria-live", "polite");
    tools.appendChild(input); tools.appendChild(clear); tools.appendChild(reset); tools.appendChild(status);
    svg.parentNode.insertBefore(tools, svg);

    function show(view) {
      views.forEach(function (v) { v.style.display = v === view ? "" : "none"; v.removeAttribute("display"); });
      state.view = view; state.frames = Array.prototype.slice.call(view.querySelectorAll("g.frame")); state.byId = {};
      state.frames.forEach(function (g) { state.byId[g.getAttribute("data-i")] = g; });
      svg.setAttribute("viewBox", "0 0 " + W + " " + view.getAttribute("data-height"));
      if (toggle) toggle.textContent = view === full ? "Fold harness frames" : "Show harness frames";
      zoom(null); search(state.query);
    }
    function label(g, x, w) {
      var t = g.querySelector("text"), r = g.querySelector("rect");
      var s = fit(g.getAttribute("data-name"), w, cw);
      if (!s) { if (t) t.style.display = "none"; return; }
      if (!t) { t = document.createElementNS(NS, "text"); t.setAttribute("y", Number(r.getAttribute("y")) + 12); g.appendChild(t); }
      t.style.display = ""; t.setAttribute("x", x + 3); t.textContent = s;
    }
    function zoom(f) {
      var x0 = f ? num(f, "x") : 0, w0 = f ? num(f, "w") : W, d0 = f ? num(f, "d") : 0, anc = {};
      for (var a = f && state.byId[f.getAttribute("data-p")]; a; a = state.byId[a.getAttribute("data-p")]) anc[a.getAttribute("data-i")] = true;
      state.frames.forEach(function (g) {
        var x = num(g, "x"), w = num(g, "w"), r = g.querySelector("rect"), isAnc = !!anc[g.getAttribute("data-i")];
        var inside = num(g, "d") >= d0 && x >= x0 - 1e-6 && x + w <= x0 + w0 + 1e-3;
        g.classList.toggle("ancestor", isAnc);
        if (!inside && !isAnc) { g.style.display = "none"; return; }
        g.style.display = "";
        var nx = isAnc ? 0 : (x - x0) * W / w0, nw = isAnc ? W : w * W / w0;
        r.setAttribute("x", nx); r.setAttribute("width", nw); label(g, nx, nw);
      });
      svg.setAttribute("data-zoomed", f ? f.getAttribute("data-i") : "");
    }
    function matcher(q) {
      var m = /^\\/(.+)\\/([a-z]*)$/.exec(q);
      if (m) { try { var re = new RegExp(m[1], m[2]); return function (s) { return re.test(s); }; } catch (e) { return null; } }
      var lq = q.toLowerCase();
      return function (s) { return s.toLowerCase().indexOf(lq) >= 0; };
    }
    function search(q) {
      state.query = q;
      state.frames.forEach(function (g) { g.classList.remove("match"); });
      if (!q) { status.textContent = ""; return; }
      var test = matcher(q);
      if (!test) { status.textContent = "Invalid regular expression"; return; }
      var hit = {}, n = 0, sum = 0, total = 0;
      state.frames.forEach(function (g) {
        // The root is the whole benchmark: a match on it would say nothing.
        if (num(g, "d") === 0) { total = num(g, "v"); return; }
        if (test(g.getAttribute("data-name"))) { hit[g.getAttribute("data-i")] = true; g.classList.add("match"); n++; }
      });
      // A match inside another match is already counted in its ancestor's cost.
      state.frames.forEach(function (g) {
        if (!hit[g.getAttribute("data-i")]) return;
        for (var a = state.byId[g.getAttribute("data-p")]; a; a = state.byId[a.getAttribute("data-p")]) if (hit[a.getAttribute("data-i")]) return;
        sum += num(g, "v");
      });
      var pct = total > 0 ? sum / total * 100 : 0;
      status.textContent = n + " match" + (n === 1 ? "" : "es") + ", " + (pct >= 10 || pct === 0 ? pct.toFixed(1) : pct.toFixed(2)) + "% of total";
    }
    svg.addEventListener("click", function (ev) {
      var g = ev.target.closest && ev.target.closest("g.frame"); if (g) zoom(g);
    });
    svg.addEventListener("dblclick", function () { zoom(null); });
    svg.addEventListener("keydown", function (ev) {
      var g = ev.target.closest && ev.target.closest("g.frame");
      if (ev.key === "Enter" && g) { zoom(g); ev.preventDefault(); }
      else if (ev.key === "Escape") { zoom(null); ev.preventDefault(); }
    });
    input.addEventListener("input", function () { search(input.value); });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") { search(input.value); ev.preventDefault(); }
      else if (ev.key === "Escape") { input.value = ""; search(""); ev.preventDefault(); }
    });
    clear.addEventListener("click", function () { input.value = ""; search(""); input.focus(); });
    reset.addEventListener("click", function () { zoom(null); });
    if (toggle) toggle.addEventListener("click", function () { show(state.view === full ? views[0] : full); });
    show(views[0]);
    svg.setAttribute("data-ready", "true");
  }
  function initAll(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll("svg.flamegraph:not([data-ready])"), init);
  }
  window.pacerFlameInit = initAll;
  initAll(document);
})();
`;
