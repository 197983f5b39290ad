/* The search page (search.md): Pagefind's own interface, which offers the filters the article
   pages declare (topic, outlet, year; templates/article.md.j2). Loaded on every page, it does
   nothing where the page has no #briefing-search element. The index is written by
   `briefing build` after MkDocs; a plain `mkdocs build` or `mkdocs serve` has none, and the page
   says so instead of failing. */
(function () {
  var host = document.getElementById("briefing-search")
  if (!host) return
  var script = document.currentScript
  var bundle = new URL("../" + host.dataset.bundle, script.src).href

  function unavailable() {
    host.textContent = "البحث غير متاح في هذه النسخة من الموجز: لم يُبنَ فهرس البحث بعد (briefing build)."
  }

  var style = document.createElement("link")
  style.rel = "stylesheet"
  style.href = bundle + "pagefind-ui.css"
  document.head.appendChild(style)

  var code = document.createElement("script")
  code.src = bundle + "pagefind-ui.js"
  code.onerror = unavailable
  code.onload = function () {
    var ui = new PagefindUI({
      element: "#briefing-search",
      bundlePath: bundle,
      showImages: false,
      showEmptyFilters: false,
      // The filters a reader narrows by first; the others stay folded.
      openFilters: ["الموضوع"],
      translations: {
        placeholder: "ابحث في المقالات",
        filters_label: "تصفية النتائج",
      },
    })
    // Actor pages link here with ?find=<name> for the articles they do not list. (Not ?q=: that
    // one opens Material's header search, which would cover this page.)
    var query = new URLSearchParams(location.search).get("find")
    if (query) ui.triggerSearch(query)
  }
  document.head.appendChild(code)

  // Pagefind's text box has a placeholder but no label; the page's visible line above it names
  // it once the widget has drawn it (a <label for> would point at nothing in the static HTML).
  new MutationObserver(function (changes, observer) {
    var input = host.querySelector(".pagefind-ui__search-input")
    if (!input) return
    input.setAttribute("aria-labelledby", "briefing-search-label")
    observer.disconnect()
  }).observe(host, { childList: true, subtree: true })
})()
