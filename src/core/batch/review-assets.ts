// The review page's own style and script, inlined into the one HTML file (no fonts, no network).
// Both are allowed by hash in the page's Content-Security-Policy, so nothing else can run even if
// a row's text slipped through unescaped. Colours keep 4.5:1 contrast in light and dark themes.

export const REVIEW_CSS = `
:root{color-scheme:light dark;--bg:#f6f7f9;--card:#fff;--text:#1b1e23;--muted:#4b5260;--line:#d5d9e0;--accent:#0b57d0;
--done-bg:#e3f3e8;--done:#0b5a27;--failed-bg:#fde8e8;--failed:#9b1c1c;--pending-bg:#fff2cc;--pending:#5c4200}
@media (prefers-color-scheme:dark){:root{--bg:#14161a;--card:#1d2026;--text:#eceef2;--muted:#b9bfca;--line:#3a404b;--accent:#8ab4f8;
--done-bg:#173a24;--done:#9fe0b2;--failed-bg:#471b1b;--failed:#ffb4ab;--pending-bg:#3d3210;--pending:#ffe08a}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--text);font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
header,main{max-width:120rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;margin:.2rem 0 .4rem;overflow-wrap:anywhere}
h2{font-size:1.05rem;margin:.6rem 0 .3rem;overflow-wrap:anywhere}
.meta{color:var(--muted);margin:.2rem 0 .8rem}
.summary{display:flex;flex-wrap:wrap;gap:.5rem;margin:0 0 1rem;padding:0}
.summary div{background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:.4rem .8rem;min-width:7.5rem}
.summary dt{font-size:.8rem;color:var(--muted)}.summary dd{margin:0;font-size:1.3rem;font-weight:600}
.filters{display:flex;flex-wrap:wrap;gap:.75rem 1.5rem;align-items:flex-end}
fieldset{border:1px solid var(--line);border-radius:.5rem;margin:0;padding:.3rem .8rem .5rem;display:flex;flex-wrap:wrap;gap:.3rem 1rem}
legend{font-size:.85rem;color:var(--muted);padding:0 .3rem}
fieldset label{display:inline-flex;align-items:center;gap:.3rem;min-height:2rem;cursor:pointer}
.search{display:flex;flex-direction:column;gap:.2rem;flex:1 1 16rem;max-width:32rem}
.search label{font-size:.85rem;color:var(--muted)}
input[type=search]{font:inherit;padding:.45rem .6rem;border:1px solid var(--muted);border-radius:.4rem;background:var(--card);color:var(--text);width:100%}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
#shown{margin:.6rem 0 0;color:var(--muted)}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,22rem),1fr));gap:1rem;padding:0;margin:0;list-style:none}
.card{background:var(--card);border:1px solid var(--line);border-radius:.6rem;padding:.8rem;min-width:0;display:flex;flex-direction:column}
.card[hidden],#none[hidden]{display:none}
.media{aspect-ratio:16/9;background:#000;border-radius:.4rem;overflow:hidden;display:flex;align-items:center;justify-content:center}
.media video,.media img{width:100%;height:100%;object-fit:contain;display:block}
.media .none{color:#e8e8e8;padding:1rem;text-align:center}
.status{display:inline-block;font-weight:600;border-radius:1rem;padding:.05rem .6rem;font-size:.9rem}
.status-done{background:var(--done-bg);color:var(--done)}.status-failed{background:var(--failed-bg);color:var(--failed)}
.status-pending{background:var(--pending-bg);color:var(--pending)}
.reason{color:var(--failed);margin:.3rem 0;overflow-wrap:anywhere}
.facts{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.15rem .7rem;margin:.6rem 0;font-size:.92rem}
.facts dt{color:var(--muted)}.facts dd{margin:0;overflow-wrap:anywhere}
code{font:.88em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-wrap:anywhere;word-break:break-all}
a{color:var(--accent)}
details{margin-top:auto;border-top:1px solid var(--line);padding-top:.4rem}
summary{cursor:pointer;color:var(--muted)}
.script{white-space:pre-wrap;overflow-wrap:anywhere;max-height:14rem;overflow:auto;margin:.4rem 0 0}
`;

/** Filters by status and a search over each card's text; no row text is ever parsed as HTML. */
export const REVIEW_JS = `
(function () {
  var cards = Array.prototype.slice.call(document.querySelectorAll('.card'));
  var texts = cards.map(function (c) { return c.textContent.toLowerCase(); });
  var search = document.getElementById('search');
  var radios = Array.prototype.slice.call(document.querySelectorAll('input[name="status"]'));
  var shown = document.getElementById('shown');
  var none = document.getElementById('none');
  function apply() {
    var status = 'all';
    radios.forEach(function (r) { if (r.checked) status = r.value; });
    var words = search.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var count = 0;
    cards.forEach(function (card, i) {
      var ok = (status === 'all' || card.getAttribute('data-status') === status) &&
        words.every(function (w) { return texts[i].indexOf(w) >= 0; });
      card.hidden = !ok;
      if (ok) count += 1;
    });
    shown.textContent = count + ' of ' + cards.length + ' rows shown';
    none.hidden = count !== 0;
  }
  search.addEventListener('input', apply);
  radios.forEach(function (r) { r.addEventListener('change', apply); });
  apply();
})();
`;
