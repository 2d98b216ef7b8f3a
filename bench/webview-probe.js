// Injected by Playwright (page.addInitScript) into every frame of the workbench page before the frame's own
// scripts run. In the chart webview's document (it has #chart and #dataTableBody) it records, on the shared wall
// clock (performance.timeOrigin + performance.now()):
//   frameStart  the document was created (init script ran)
//   show        the first host 'show' message reached the frame (a capture listener, so before the panel's)
//   rows        #dataTableBody first had rows (a MutationObserver: the microtask after the table was built)
//   chart       #chart first had class has-chart and an svg or canvas (the first Vega view ran)
//   painted     both, then the next animation frame, then one task later (the frame has been painted)
// and reports them through the exposed binding __benchReport ('painted'). After that, every later drawing of
// the chart (the panel counts them on #chart: data-embeds for a new Vega view, data-redraws for one drawn in the
// view on screen) is reported too ('drawn'), with the time it was done and painted and the last host message
// before it. Not part of the extension.
(() => {
  // Only in frames: the webview's frames (its inner document starts as about:blank and is written into).
  if (window.top === window || !/\/webview\/|^about:/.test(location.href)) return;
  const now = () => performance.timeOrigin + performance.now();
  const marks = { frameStart: now() };
  window.__benchProbe = marks;
  const id = Math.random().toString(36).slice(2);
  let installed = false;
  let reported = false;
  let lastMessage;
  let drawCount = 0;
  const report = (kind, extra) => {
    try {
      if (typeof window.__benchReport === 'function') window.__benchReport(JSON.stringify({ kind, id, marks, ...extra }));
    } catch {
      /* not the bench page */
    }
  };
  /** Runs `then` after the next frame has been painted: an animation frame, then one task. */
  const afterPaint = (then) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => then(now());
      channel.port2.postMessage(0);
    });
  const draws = (chart) => Number(chart.dataset.embeds || 0) + Number(chart.dataset.redraws || 0);
  const check = () => {
    const body = document.getElementById('dataTableBody');
    const chart = document.getElementById('chart');
    if (!body || !chart) return;
    if (marks.rows === undefined && body.rows.length > 0) marks.rows = now();
    if (marks.chart === undefined && chart.classList.contains('has-chart') && chart.querySelector('svg, canvas')) {
      marks.chart = now();
      const canvas = chart.querySelector('canvas');
      marks.renderer = canvas ? 'canvas' : 'svg';
      drawCount = draws(chart);
    }
    if (!reported && marks.rows !== undefined && marks.chart !== undefined) {
      reported = true;
      afterPaint((painted) => {
        marks.painted = painted;
        report('painted', { tableRows: body.rows.length, chartWidth: chart.clientWidth });
      });
      return;
    }
    if (reported && draws(chart) !== drawCount) {
      drawCount = draws(chart);
      const drawn = { at: now(), embeds: Number(chart.dataset.embeds || 0), redraws: Number(chart.dataset.redraws || 0), lastMessage };
      afterPaint((painted) => report('drawn', { drawn: { ...drawn, painted } }));
    }
  };
  const install = () => {
    if (installed || !document.getElementById('chart') || !document.getElementById('dataTableBody')) return;
    installed = true;
    clearInterval(poll);
    marks.domReady = now();
    // A capture listener on the window runs before the panel's own (capture listeners at the target go first).
    window.addEventListener(
      'message',
      (event) => {
        const data = event.data;
        const type = data && (data.type ?? (data.data && data.data.type));
        if (type === 'show' && marks.show === undefined) marks.show = now();
        if (type === 'show' || type === 'chart' || type === 'loading') lastMessage = { type, at: now() };
      },
      true,
    );

    report('frame', {});
    new MutationObserver(check).observe(document.documentElement, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['class', 'data-embeds', 'data-redraws'],
    });
    check();
  };
  // The webview host writes the panel's HTML into this frame with document.open()/write(), which removes every
  // listener added before; a short poll (timers survive it) finds the panel's DOM instead.
  const poll = setInterval(install, 4);
  setTimeout(() => clearInterval(poll), 120_000);
})();
