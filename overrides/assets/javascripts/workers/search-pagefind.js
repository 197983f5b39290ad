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
const PAGEFIND = new URL("../../../pagefind/pagefind.js", self.location.href).href

/* pagefind.js reads window.location when it may start workers, and a worker has no window. */
self.window = self

let pagefind = null
let delegated = false  /* true once Material's lunr worker answers instead (no global named lunr: it uses one) */

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
/* The article after a conjunction: Pagefind's stemmer (Snowball) keeps و and ف before an alef. */
const CONJUNCTION_ARTICLE = /^[وف](?=ال|[بك]ال|لل)/
const ARABIC_WORD = /^[\u0621-\u064A]{3,}$/

/*
 * The forms of one typed word to search for. Snowball leaves "والانسحاب" whole, so that query
 * finds nothing, and an article that writes only "والتحالف" is missed by "تحالف": both the
 * word without و/ف and the word with "و"/"وال" are tried. Then its spelling variants.
 */
function forms(word) {
  const found = new Set([word])
  if (CONJUNCTION_ARTICLE.test(word))
    found.add(word.slice(1))
  else if (ARABIC_WORD.test(word))
    found.add(word.startsWith("ال") ? `و${word}` : `وال${word}`)
  for (const form of [...found])
    for (const spelling of variantSpellings(form))
      found.add(spelling)
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

/* Every combination of the words' forms, the typed one first, at most MAX_SPELLINGS. */
function spellingsOf(query) {
  let queries = [[]]
  for (const word of query.split(" "))
    queries = queries.flatMap(head => forms(word).map(form => [...head, form]))
  return queries.slice(0, MAX_SPELLINGS).map(words => words.join(" "))
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
    text: data.excerpt,                 /* Pagefind escapes page text; only <mark> is markup */
    score: MAX_RESULTS - rank,
    terms: markedWords(data.excerpt)
  }
}

/* Search every spelling; a page found by several keeps its best score. */
async function search(query) {
  const text = normalise(query)
  if (!text)
    return { items: [] }
  const best = new Map()
  for (const spelling of spellingsOf(text))
    for (const result of (await pagefind.search(spelling)).results)
      if (!best.has(result.id) || best.get(result.id).score < result.score)
        best.set(result.id, result)
  const ranked = [...best.values()].sort((a, b) => b.score - a.score).slice(0, MAX_RESULTS)
  const pages = await Promise.all(ranked.map(result => result.data()))
  return { items: pages.map((data, rank) => [toItem(data, rank)]) }
}

/* Load Pagefind; without an index, load Material's lunr worker and replay SETUP to it. */
async function setup(message) {
  try {
    pagefind = await import(PAGEFIND)
    await pagefind.options({ excerptLength: 24 })
    await pagefind.init()
    variants = await (await fetch(VARIANTS)).json()
    postMessage({ type: READY })
  } catch (error) {
    console.warn("No Pagefind index; searching with Material's lunr index instead.", error)
    delegated = true
    importScripts(new URL(self.location.href).searchParams.get("lunr"))
    self.dispatchEvent(new MessageEvent("message", { data: message }))
  }
}

addEventListener("message", async ({ data: message }) => {
  if (delegated)
    return
  if (message.type === SETUP)
    await setup(message)
  else if (message.type === QUERY)
    postMessage({ type: RESULT, data: await search(message.data) })
})
