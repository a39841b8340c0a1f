// The conform HTML report's script: filters and search over the claim matrix, opening a claim,
// and drawing the timelines of opened claims from the data embedded in the page. It builds every
// element through the DOM (textContent, setAttribute), never from markup strings, so report data
// can never become markup. Plain ES2020, no libraries, no network.
(function () {
  'use strict';

  var SVG = 'http://www.w3.org/2000/svg';
  var dataElement = document.getElementById('conform-timelines');
  var timelines = dataElement ? JSON.parse(dataElement.textContent || '{}') : {};
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.claim'));
  var search = document.getElementById('f-search');
  var topic = document.getElementById('f-topic');
  var verdict = document.getElementById('f-verdict');
  var kind = document.getElementById('f-kind');
  var clear = document.getElementById('f-clear');
  var count = document.getElementById('f-count');
  var filters = document.querySelector('.filters');

  function detailOf(row) {
    var next = row.nextElementSibling;
    return next && next.classList.contains('detail') ? next : null;
  }

  function matches(row, text, t, v, k) {
    if (t && row.getAttribute('data-topic') !== t) return false;
    if (k && row.getAttribute('data-kind') !== k) return false;
    if (v) {
      if (v.indexOf('flag:') === 0) {
        if ((' ' + row.getAttribute('data-flags') + ' ').indexOf(' ' + v.slice(5) + ' ') < 0) return false;
      } else if ((' ' + row.getAttribute('data-verdicts') + ' ').indexOf(' ' + v + ' ') < 0) {
        return false;
      }
    }
    if (text) {
      var haystack = row.getAttribute('data-search') || '';
      var words = text.split(/\s+/);
      for (var i = 0; i < words.length; i++) if (words[i] && haystack.indexOf(words[i]) < 0) return false;
    }
    return true;
  }

  function applyFilters() {
    var text = search ? search.value.trim().toLowerCase() : '';
    var t = topic ? topic.value : '';
    var v = verdict ? verdict.value : '';
    var k = kind ? kind.value : '';
    var shown = 0;
    rows.forEach(function (row) {
      var ok = matches(row, text, t, v, k);
      row.hidden = !ok;
      var detail = detailOf(row);
      if (detail) detail.hidden = !ok || row.getAttribute('aria-expanded') !== 'true';
      if (ok) shown++;
    });
    if (count) count.textContent = shown + ' of ' + rows.length + ' claims';
  }

  function toggle(row, open) {
    var detail = detailOf(row);
    if (!detail) return;
    var willOpen = open === undefined ? row.getAttribute('aria-expanded') !== 'true' : open;
    row.setAttribute('aria-expanded', willOpen ? 'true' : 'false');
    detail.hidden = !willOpen;
    if (willOpen) drawTimelines(detail);
  }

  // ---- timelines: actors as swim-lanes, operations as intervals --------------------------

  function el(name, attrs, text) {
    var node = document.createElementNS(SVG, name);
    for (var key in attrs) if (Object.prototype.hasOwnProperty.call(attrs, key)) node.setAttribute(key, String(attrs[key]));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function niceStep(span, target) {
    var raw = span / Math.max(1, target);
    var power = Math.pow(10, Math.floor(Math.log10(raw)));
    var steps = [1, 2, 5, 10];
    for (var i = 0; i < steps.length; i++) if (steps[i] * power >= raw) return steps[i] * power;
    return 10 * power;
  }

  function fmt(ms) {
    return ms >= 100 ? String(Math.round(ms)) : String(Math.round(ms * 10) / 10);
  }

  function drawTimeline(container, t) {
    var LABEL = 120;
    var LANE = 22;
    var TOP = 22;
    var width = Math.max(640, Math.min(1400, (container.clientWidth || 900) - 2));
    var plot = width - LABEL - 16;
    var end = t.d;
    t.o.forEach(function (op) {
      end = Math.max(end, op[4] === null ? op[3] : op[4]);
    });
    end = Math.max(end, 0.001);
    var x = function (ms) {
      return LABEL + (ms / end) * plot;
    };
    var height = TOP + t.a.length * LANE + 22;
    var svg = el('svg', { width: width, height: height, viewBox: '0 0 ' + width + ' ' + height, role: 'img', class: 'timeline-svg' });
    svg.appendChild(el('title', {}, 'Timeline: ' + t.a.length + ' actor(s), ' + t.o.length + ' operation(s)'));

    var step = niceStep(end, 8);
    // Enough decimals that neighbouring ticks never read the same (0.05 ms steps need two).
    var decimals = step >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(step) - 1e-9));
    for (var tick = 0; tick <= end + 1e-9; tick += step) {
      svg.appendChild(el('line', { class: 'axis', x1: x(tick), x2: x(tick), y1: TOP - 4, y2: height - 22 }));
      svg.appendChild(el('text', { class: 'tick', x: x(tick) + 2, y: TOP - 8 }, tick.toFixed(decimals) + ' ms'));
    }
    t.a.forEach(function (name, lane) {
      var y = TOP + lane * LANE;
      if (lane % 2 === 0) svg.appendChild(el('rect', { class: 'lane-bg', x: 0, y: y, width: width, height: LANE }));
      svg.appendChild(el('text', { class: 'lane-label', x: 4, y: y + 15 }, name.length > 17 ? name.slice(0, 16) + '…' : name));
    });

    t.o.forEach(function (op) {
      var lane = op[0], f = op[1], target = op[2], start = op[3], stop = op[4], outcome = op[5], detail = op[6];
      var open = stop === null;
      var y = TOP + lane * LANE + 4;
      var x0 = x(start);
      var x1 = open ? x(end) : x(stop);
      var w = Math.max(f === 'mark' ? 3 : 2, x1 - x0);
      var g = el('g', {});
      var rect = el('rect', { class: 'op o-' + outcome + ' f-' + f, x: x0, y: y, width: w, height: LANE - 8, rx: 2 });
      var call = f + (target ? '(' + target + ')' : '');
      var when = fmt(start) + '–' + (open ? 'never returned' : fmt(stop) + ' ms');
      g.appendChild(el('title', {}, t.a[lane] + ': ' + call + ' ' + outcome + (detail ? ' → ' + detail : '') + ', ' + when));
      g.appendChild(rect);
      var label = call + (detail && outcome !== 'ok' ? ' ' + detail : '');
      var fits = Math.floor((w - 6) / 6.2);
      if (fits >= 3 && f !== 'sleep') g.appendChild(el('text', { class: 'op-label', x: x0 + 3, y: y + 10.5 }, label.length > fits ? label.slice(0, fits - 1) + '…' : label));
      svg.appendChild(g);
    });

    svg.appendChild(el('text', { class: 'legend', x: LABEL, y: height - 6 }, 'blue: returned · grey: sleep · purple: mark · red: raised · orange, dashed: never completed (blocked at the deadline) · hover for details'));
    container.textContent = '';
    container.appendChild(svg);
    container.setAttribute('data-drawn', 'true');
  }

  function drawTimelines(scope) {
    Array.prototype.forEach.call(scope.querySelectorAll('.timeline[data-key]'), function (container) {
      if (container.getAttribute('data-drawn') === 'true') return;
      var t = timelines[container.getAttribute('data-key')];
      if (!t) {
        container.textContent = 'No timeline data.';
        return;
      }
      try {
        drawTimeline(container, t);
      } catch (e) {
        container.textContent = 'Could not draw this timeline: ' + e;
      }
    });
  }

  // ---- wiring -----------------------------------------------------------------------------

  rows.forEach(function (row) {
    row.addEventListener('click', function (event) {
      if (event.target.closest && event.target.closest('a, button, input, select')) return;
      toggle(row);
    });
    row.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        toggle(row);
      }
    });
  });
  [search, topic, verdict, kind].forEach(function (control) {
    if (control) control.addEventListener('input', applyFilters);
  });
  if (clear) {
    clear.addEventListener('click', function () {
      [search, topic, verdict, kind].forEach(function (control) {
        if (control) control.value = '';
      });
      applyFilters();
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll('.topic-link'), function (button) {
    button.addEventListener('click', function () {
      if (topic) topic.value = button.getAttribute('data-topic');
      applyFilters();
      var claims = document.getElementById('claims');
      if (claims) claims.scrollIntoView();
    });
  });

  function openFromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    var row = id ? document.getElementById(id) : null;
    if (!row || !row.classList.contains('claim')) return;
    row.hidden = false;
    toggle(row, true);
    row.scrollIntoView();
  }
  window.addEventListener('hashchange', openFromHash);

  function measureFilters() {
    if (filters) document.documentElement.style.setProperty('--filters-h', filters.offsetHeight + 'px');
  }
  window.addEventListener('resize', measureFilters);
  measureFilters();
  applyFilters();
  openFromHash();
})();
