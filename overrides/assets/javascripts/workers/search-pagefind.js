/*
 * The search worker behind Material's header search box, answering from Pagefind's index.
 *
 * Why: Material's lunr search misses Arabic words behind a prefix (وانسحاب, بداعش) or written with
 * another hamza (ايلول for أيلول); Pagefind stems Arabic (Snowball) and fetches only the index
 * chunks a query needs. Measurements: tests/browser/SEARCH.md.
 *
 * How: Material 9.8 lets a site swap its search worker (overrides/main.html points it here) as
 * long as the new one speaks the same messages: SETUP (the lunr index, unused here) -> READY,
 * QUERY (the typed text) -> RESULT ({items: SearchItem[][]}, one group per page). The browser
 * tests type into the real box, so a Material upgrade that changes these messages fails them.
 *
 * Without a Pagefind index (a plain `mkdocs build` or `mkdocs serve`), this worker becomes
 * Material's own lunr worker, whose URL overrides/main.html passes as ?lunr=.
 */
"use strict"

/* Material's SearchMessageType */
const SETUP = 0
const READY = 1
const QUERY = 2
const RESULT = 3

/* Pages listed per query: Material renders 10 and more on scroll; each costs one fragment fetch. */
const MAX_RESULTS = 20

/* Where `briefing build` writes the index: site/pagefind/, three levels above this file. */
const PAGEFIND = new URL("../../../pagefind/", self.location.href).href

/* pagefind.js reads window.location when it may start workers, and a worker has no window. */
self.window = self

/* Pagefind, loaded at the first query: a page view that never searches costs nothing. */
let pagefind = null
/* True once Material's lunr worker answers instead. (Not named lunr: that worker uses the name.) */
let delegated = false
/* Messages are handled one after the other, so results come back in the order of the queries. */
let queue = Promise.resolve()

/* Spelling variants of one word (generator/variants.yml), written by `briefing build`. */
const VARIANTS = new URL("../../../search/variants.json", self.location.href).href
/* At most this many spellings of a query are searched (each word's forms multiply). */
const MAX_SPELLINGS = 8

let variants = []

/* What the reader typed, as Pagefind should see it: no harakat, tatweel, quote marks, brackets. */
function normalise(query) {
  return query
    .normalize("NFKC")
    .replace(/[\u0610-\u061A\u064B-\u065F\u0670\u0640]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
}

/* Letters folded for comparing spellings only (Pagefind's stemmer folds hamza by itself). */
function fold(word) {
  return word.replace(/[أإآٱ]/g, "ا").replace(/ى/g, "ي").replace(/ؤ/g, "و").replace(/ئ/g, "ي")
}

/* A word's proclitics: a conjunction, then a preposition or the article (or both: وبال, فلل). */
const PROCLITICS = /^[وف]?(?:ال|[بك]ال|لل|[بلك])?$/
/* A conjunction before the article (وال, فبال, ولل): Snowball keeps و and ف before an alef. */
const CONJUNCTION_ARTICLE = /^[وف](?=ال|[بك]ال|لل)/
/* A word without the article or ل: Snowball strips ب and ك from nouns but keeps ل (لدمشق). */
const INDEFINITE_NOUN = /^(?!ال|ل)[\u0621-\u064A]{3,}$/

/*
 * The forms of one typed word to search for, where Pagefind's stemmer (Snowball) leaves a
 * prefix on, each with the text a result must then hold literally (or null): as typed; without
 * a conjunction before the article ("والانسحاب" alone finds nothing); with ل before a bare noun,
 * since an article that writes only "لدمشق" is missed by "دمشق" (checked literally: Snowball
 * stems such made-up forms onto unrelated words); and with their spelling variants. (Adding و or
 * وال to bare words cost more precision than it gained recall: tests/browser/SEARCH.md.)
 */
function forms(word) {
  const found = new Map([[word, null]])
  if (CONJUNCTION_ARTICLE.test(word))
    found.set(word.slice(1), null)
  else if (INDEFINITE_NOUN.test(word))
    found.set(`ل${word}`, `ل${word}`)
  for (const [form, literal] of [...found])
    for (const spelling of variantSpellings(form))
      found.set(spelling, literal && spelling)
  return [...found]
}

/* `word` with a variant spelling of its stem, proclitics kept: ترمب -> ترامب, للأمريكيين ->
   للأميركيين. A `prefix` entry matches the start of the stem, others the whole stem. */
function variantSpellings(word) {
  const key = fold(word)
  const spellings = []
  for (const { forms: group, prefix } of variants)
    for (const form of group) {
      const at = key.indexOf(fold(form))
      const rest = word.slice(at + form.length)
      if (at === -1 || !PROCLITICS.test(key.slice(0, at)) || (!prefix && rest))
        continue
      for (const other of group)
        if (other !== form)
          spellings.push(word.slice(0, at) + other + rest)
    }
  return spellings
}

/* Every combination of the words' forms, the typed one first, at most MAX_SPELLINGS:
   {text, literals}, where literals are the words a result must hold as written. */
function spellingsOf(query) {
  let spellings = [{ words: [], literals: [] }]
  for (const word of query.split(" "))
    spellings = spellings.flatMap(({ words, literals }) => forms(word).map(([form, literal]) => ({
      words: [...words, form],
      literals: literal ? [...literals, literal] : literals
    })))
  return spellings.slice(0, MAX_SPELLINGS).map(({ words, literals }) => ({
    text: words.join(" "), literals
  }))
}

/* Whether a page's text holds each word at a word's start (ignoring tatweel, marks, hamza). */
function holds(content, literals) {
  const text = fold(content.replace(/[\u0640\u064B-\u065F«»"“”()[\]]/g, ""))
  return literals.every(word => new RegExp(`(?:^|[^\\p{L}])${fold(word)}`, "u").test(text))
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)
}

/* The words Pagefind marked in the excerpt: Material passes them on as ?h= to highlight. */
function markedWords(excerpt) {
  const terms = {}
  for (const [, word] of excerpt.matchAll(/<mark>([^<]+)<\/mark>/g))
    terms[word] = true
  return terms
}

/* One Pagefind result as Material's SearchItem; a higher score wins the Enter key. */
function toItem(data, rank) {
  return {
    location: data.url,
    title: escapeHtml(data.meta.title || data.url),
    text: `<p>${data.excerpt}</p>`,     /* Pagefind escapes page text; only <mark> is markup */
    score: MAX_RESULTS - rank,
    terms: markedWords(data.excerpt)
  }
}

/* Pagefind and the variants table, loaded once. */
function loadPagefind() {
  pagefind ??= (async () => {
    const api = await import(`${PAGEFIND}pagefind.js`)
    await api.options({ excerptLength: 24 })
    await api.init()
    variants = await (await fetch(VARIANTS)).json()
    return api
  })()
  return pagefind
}

/* Search every spelling; a page found by several keeps its best score. */
async function search(query) {
  const text = normalise(query)
  if (!text)
    return { items: [] }
  const api = await loadPagefind()
  const best = new Map()
  for (const spelling of spellingsOf(text))
    for (const result of (await api.search(spelling.text)).results) {
      if (best.has(result.id) && best.get(result.id).score >= result.score)
        continue
      if (spelling.literals.length) {
        result.page = await result.data()
        if (!holds(result.page.content, spelling.literals))
          continue
      }
      best.set(result.id, result)
    }
  const ranked = [...best.values()].sort((a, b) => b.score - a.score).slice(0, MAX_RESULTS)
  const pages = await Promise.all(ranked.map(result => result.page ?? result.data()))
  return { items: pages.map((data, rank) => [toItem(data, rank)]) }
}

/* Ready when the site has a Pagefind index; without one, become Material's lunr worker: load
   it and hand it the SETUP message it would have had. */
async function setup(message) {
  const entry = await fetch(`${PAGEFIND}pagefind-entry.json`)
  await entry.text()  /* a few bytes, read so that no download is left open when the page goes */
  if (entry.ok) {
    postMessage({ type: READY })
    return
  }
  console.warn("No Pagefind index; searching with Material's lunr index instead.")
  delegated = true
  importScripts(new URL(self.location.href).searchParams.get("lunr"))
  self.dispatchEvent(new MessageEvent("message", { data: message }))
}

/* A query that fails (the index unreachable) gets no results, as in Material's own worker. */
async function answer(query) {
  try {
    return await search(query)
  } catch (error) {
    console.error(`Search failed for: ${query}`, error)
    return { items: [] }
  }
}

addEventListener("message", ({ data: message }) => {
  if (delegated)
    return
  if (message.type === SETUP)
    queue = queue.then(() => setup(message))
  else if (message.type === QUERY)
    queue = queue.then(async () => postMessage({ type: RESULT, data: await answer(message.data) }))
})
