// Writes what the tokenizer tests (tokens_*_test.cpp) compare against, straight from js-tiktoken:
//   node tests/unit/make_token_fixtures.mjs OUT_DIR DEMO.csv
// OUT_DIR/corpus.bin   a hand-made corpus, seeded random texts and long inputs, with their token ids
// OUT_DIR/demo.bin     every narrative and every whole record (fields joined by tabs) of the demo data
// OUT_DIR/classes.bin  node's answer to \p{L}, \p{Lu}, ..., \s for every code point, as runs
// OUT_DIR/models.txt   js-tiktoken's model table: "MODEL ENCODING" lines ("none" for other encodings)
//
// corpus.bin and demo.bin (little-endian): "TBTOKFX1", u32 encodings, per encoding u8 length + name,
// u32 cases, then per case: u32 length + label, u32 length + text bytes, per encoding u32 n + n u32 ids.
// Texts are encoded with encode(text, [], []): special tokens count as plain text, as in Bpe::count.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { Tiktoken, getEncodingNameForModel } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import cl100k from 'js-tiktoken/ranks/cl100k_base';

const ENCODINGS = [['o200k_base', new Tiktoken(o200k)], ['cl100k_base', new Tiktoken(cl100k)]];
const [outDir, demoCsv] = process.argv.slice(2);
if (!outDir || !demoCsv) {
    console.error('usage: node tests/unit/make_token_fixtures.mjs OUT_DIR DEMO.csv');
    process.exit(2);
}
// Token ids are written in the machine's byte order (see writeCases); the tests read little-endian.
if (os.endianness() !== 'LE') throw new Error('token fixtures need a little-endian machine');
fs.mkdirSync(outDir, { recursive: true });

// A case is [label, text]; the text is a string, or a Buffer of raw (possibly ill-formed) UTF-8 that is
// encoded as the string a TextDecoder makes of it.
function writeCases(file, cases) {
    const chunks = [Buffer.from('TBTOKFX1', 'latin1')];
    const u32 = (value) => {
        const b = Buffer.alloc(4);
        b.writeUInt32LE(value);
        chunks.push(b);
    };
    const bytes = (buffer) => {
        u32(buffer.length);
        chunks.push(buffer);
    };
    u32(ENCODINGS.length);
    for (const [name] of ENCODINGS) chunks.push(Buffer.from([name.length]), Buffer.from(name, 'latin1'));
    u32(cases.length);
    const decoder = new TextDecoder('utf-8');
    for (const [label, text] of cases) {
        const raw = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
        const string = Buffer.isBuffer(text) ? decoder.decode(text) : text;
        bytes(Buffer.from(label, 'utf8'));
        bytes(raw);
        for (const [, encoder] of ENCODINGS) {
            const ids = Uint32Array.from(encoder.encode(string, [], []));
            u32(ids.length);
            chunks.push(Buffer.from(ids.buffer));  // the machine's order: checked little-endian above
        }
    }
    fs.writeFileSync(`${file}.partial`, Buffer.concat(chunks));
    fs.renameSync(`${file}.partial`, file);
}

// --- the corpus --------------------------------------------------------------------------------------
const handmade = [
    // contractions, in every case, and apostrophes that are not contractions
    "I'm sure you're right, HE'LL come; she'S here, we'VE seen it, they'd go, it'Ll do, I'D, 'tis",
    "can't won't don't isn't O'Neil rock'n'roll ''s 's x's ' '' ' s 'S' 'LL' 'Re 'rE 'vE 'M 'T 'd",
    "McDonald's HTTPServer's ALLCAPS'S Élan's ÉCOLE'LL Ǆ'd",
    "'", "''", "'s", "'re", "'l", "'ll", "'lL", "'x", " 's", "\n's", "1's", "!'s",
    // letters, case runs (o200k splits on them)
    'HelloWorld helloWorld HELLOworld iPhone camelCaseString snake_case_string XMLHttpRequest ABCdefGHI',
    'ǅemal ǅ ABCǅdef ǲ ǈ ᾈ ᾼ', // titlecase letters (Lt)
    'ʰʱʲ ˈstress ˌx ʻokina ⁿ ᵃᵇ', // modifier letters (Lm)
    // accents, precomposed and decomposed; combining marks in every position
    'café naïve résumé Ærøskøbing straße Ångström São Paulo Łódź Dvořák',
    'Cafe\u0301 e\u0301 a\u0300\u0301\u0302 E\u0301COLE \u0301abc  \u0301x !\u0301 \u0301 \u0301A A\u0301B \u0301\u0302\u0303',
    'x\u0301\u0301\u0301\u0301 \u20dd \u20e3 1\u20e3 \u0361 a\u0361b \n\u0301 \t\u0301a',
    // scripts
    '中文 日本語のテキスト、カタカナ。 漢字かな交じり文 안녕하세요 세계 สวัสดีครับ ภาษาไทย',
    'नमस्ते दुनिया हिन्दी ক্ষ தமிழ் ગુજરાતી ဗမာ ᐃᓄᒃᑎᑐᑦ ትግርኛ ᏣᎳᎩ',
    'مرحبا بالعالم، هذا نص عربي. שָׁלוֹם עוֹלָם \u200fRTL\u200e LTR \u202bembedded\u202c \u061c',
    'Ωμέγα ΣΊΣΥΦΟΣ ἀρετή Привет МИР ёЁ Ѿ ქართული Հայերեն',
    'mixed中文and English混合text with日本語 and 한국어 inside',
    // emoji and symbols
    '😀 👍🏽 👨‍👩‍👧‍👦 🇺🇸🇫🇷 ❤️ ☺︎ 1️⃣ #️⃣ 🏳️‍🌈 🧑🏿‍🚀 😀😀😀 a😀b 😀a',
    '∑∫∂ √2 ≤ ≥ ≠ → ⇒ ∞ © ® ™ € £ ¥ ₹ ₿ § ¶ † ‡ • … ‰ ′ ″ ¿ ¡ « » ‹ › „ “ ” ‘ ’ — – ‐',
    // numbers
    '1234567890 12 123 1234 12345 ٣٤٥٦ ۱۲۳۴ १२३४५ ①②③④ Ⅻ ⅻ ½ x² 3.14159 1,000,000 2024-06-11 0x1F',
    'ab12cd 12ab a1b2c3 1a 𝟘𝟙𝟚𝟛 ¹²³ 一二三 〇 ༡༢༣ ᛮᛯ',
    'XX/XX/XXXX {$1100.00} {$89.00} $1,234.56 100% #1 No.5 5th 21st 3rd',
    // white space
    'a  b', 'a\tb', 'a \t b', 'line\r\nline', '\r\n\r\n', '  \n  ', 'trailing   ', '   leading', '\n', '\r',
    ' \r\n ', '\u00a0x', 'x\u00a0\u00a0y', '\u3000全角\u3000', 'a\u2028b\u2029c', '\ufeffBOM \ufeff', 'nel\u0085x',
    '\v\f x \v', 'a \n\n b', ' ', '  ', '\t\t', ' \n', '\n ', ' x', '  x', '\n\nx', ' \t\n \t x', 'x\n \n',
    '\u2000\u2001\u2002\u2003 x\u200a\u202f\u205f y', '\u180e x \u200b y \u2060 z', 'end \r\n\r\n  ',
    '\x1c\x1d\x1e\x1f x', ' \u00a0\n', '\r\r\n\n\r', 'a\r', 'a\r\n', ' \r\nb', '\t\r\n\tb',
    // punctuation, slashes (o200k keeps [\r\n/]* with the run), controls, special-token text
    '!!! ... ?!\n\n ?\n/ a/b/c //x http://example.com/path/to?q=1&r=2#frag ./\n/\r\n//',
    '"quoted" “curly” #hashtag @user ***bold*** __init__ <div class="x">&amp;</div> {"k": [1, 2]}',
    '<|endoftext|> <|endofprompt|> <|fim_prefix|>x<|fim_suffix|>',
    '\x00 \x01\x02 \x7f \x1b[31mred\x1b[0m',
    '\ue000 \uf8ff \u{10fffd} \ufffe \uffff \ufffd',
    ' !', ' !\n', ' ! ', '!\n\n\n', '-\n/', ' /\n/x', '.Hello ..Hello  .Hello',
    // the demo data's own shapes
    'I’ve called them {$46.00} times — nothing.\u00a0XXXX XXXX said “no”.\nOn XX/XX/XXXX I paid.',
    '',
];

// Seeded (mulberry32), so the corpus is the same every build.
function random(seed) {
    return () => {
        seed = (seed + 0x6d2b79f5) | 0;
        let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
// Alphabets chosen to hit every class boundary of both patterns: letters of each case class, marks,
// numbers of each kind, the white space JavaScript knows, punctuation, emoji, the apostrophe.
const ALPHABET = [
    ...'aAbBzZ', 'é', 'É', 'ß', 'ǅ', 'ʰ', '中', 'の', 'ا', 'ש', 'Ω', 'ω', 'Я', 'я', 'ก', 'ั', 'क', '्', 'ा',
    '\u0301', '\u0302', '\u20e3', '\ufe0f', '\u200d', ...'0123456789', '٣', '½', 'Ⅻ', '²',
    ' ', ' ', ' ', ' ', '\t', '\n', '\r', '\r\n', '\u00a0', '\u3000', '\u2028', '\ufeff', '\v', '\u0085',
    "'", "'", "'s", "'S", "'ll", "'LL", "'Re", "'ve", "'d", "'m", "'t",
    ...'.,;:!?/\\-_()[]{}"#$%&*+<=>@^`|~', '’', '—', '…', '😀', '👍🏽', '🇺🇸', '\u0000', '\u007f', '\ue000',
];
function randomTexts(count, seed) {
    const next = random(seed);
    const texts = [];
    for (let n = 0; n < count; ++n) {
        // Mostly short texts; every tenth long, and some made of few symbols so runs grow long.
        const length = n % 10 === 9 ? 200 + Math.floor(next() * 800) : 1 + Math.floor(next() * 60);
        const symbols = n % 3 === 0 ? ALPHABET.filter(() => next() < 0.08) : ALPHABET;
        const pool = symbols.length > 0 ? symbols : ALPHABET;
        let text = '';
        for (let i = 0; i < length; ++i) text += pool[Math.floor(next() * pool.length)];
        texts.push(text);
    }
    return texts;
}

// Long inputs. js-tiktoken's merge is quadratic in a piece's length (a 4 KB piece takes it seconds), so
// single pieces stay near 1.5 KB: still well past Bpe's flat-array limit, so its heap path is compared too.
const sentence = 'The quick brown fox jumps over the lazy dog. ';
const long = [
    ['100 KB of one word with spaces', 'word '.repeat(20000)],
    ['100 KB of digits', '1234567890'.repeat(10000)],
    ['100 KB of sentences', sentence.repeat(Math.ceil(100000 / sentence.length))],
    ['100 KB of CJK with punctuation', '漢字かな交じり文、'.repeat(3700)],
    ['1200 spaces then a word', ' '.repeat(1200) + 'x'],
    ['1200 trailing spaces', 'x' + ' '.repeat(1200)],
    ['1200 newlines', '\n'.repeat(1200)],
    ['400 CRLF with spaces', ' \r\n'.repeat(400) + 'end'],
    ['1000 tabs', '\t'.repeat(1000)],
    ['one 1500-letter word', 'hello'.repeat(300)],
    ['one 1200-letter upper word', 'ABC'.repeat(400)],
    ['one 1200-letter mixed-case word', 'aB'.repeat(600)],
    ['300 emoji in a row', '😀'.repeat(300)],
    ['one long CJK run', '中文字符'.repeat(100)],
    ['one long accented run', 'éèêë'.repeat(200)],
    ['1000 exclamation marks', '!'.repeat(1000)],
    ['long digit runs between letters', ('x' + '9'.repeat(50)).repeat(200)],
    ['a long marked run', 'a' + '\u0301'.repeat(700)],
];

// Ill-formed UTF-8 (Buffers): counted as the text a browser's TextDecoder makes of the bytes.
const illFormed = [
    Buffer.from([0x61, 0x62, 0x63, 0xff]),
    Buffer.from([0xc3]),
    Buffer.from('caf\u00e9 ', 'utf8').subarray(0, 4),
    Buffer.from([0x63, 0x61, 0x66, 0xc3, 0xa9, 0xe9, 0x20, 0x6e, 0x6f]),
    Buffer.from([0xed, 0xa0, 0x80, 0x78]),  // a surrogate
    Buffer.from([0xf4, 0x90, 0x80, 0x80]),  // past U+10FFFF
    Buffer.from([0xc0, 0xaf, 0x2f]),  // overlong slash
    Buffer.from([0xe2, 0x82, 0x41, 0x20, 0xe2, 0x82, 0xac]),  // cut sequence, then a euro sign
    Buffer.from([0x61, 0xf1, 0x80, 0x80, 0xe1, 0x80, 0xc2, 0x62, 0x80, 0x63, 0x80, 0xbf, 0x64]),
    Buffer.from([0x20, 0x80, 0x80, 0x20, 0x41, 0x80, 0x27, 0x73]),
];

const corpus = [
    ...handmade.map((text, i) => [`handmade ${i}`, text]),
    ...randomTexts(1500, 20240611).map((text, i) => [`random ${i}`, text]),
    ...long,
    ...illFormed.map((bytes, i) => [`ill-formed ${i}`, bytes]),
];
writeCases(path.join(outDir, 'corpus.bin'), corpus);

// --- the demo data -----------------------------------------------------------------------------------
const parsed = Papa.parse(fs.readFileSync(demoCsv, 'utf8'), { skipEmptyLines: true });
if (parsed.errors.length > 0) throw new Error(`${demoCsv}: ${parsed.errors[0].message}`);
const [header, ...rows] = parsed.data;
const narrative = header.indexOf('Consumer complaint narrative');
if (narrative < 0) throw new Error(`${demoCsv}: no narrative column`);
const demo = [];
rows.forEach((row, i) => {
    demo.push([`demo row ${i + 1} narrative`, row[narrative]]);
    demo.push([`demo row ${i + 1} record`, row.join('\t')]);
});
writeCases(path.join(outDir, 'demo.bin'), demo);

// --- node's character classes ------------------------------------------------------------------------
// Bits as in src/core/tokens/unicode_classes.h. Surrogates are left out: UTF-8 cannot carry them.
const CLASS_TESTS = [
    [1, /\p{L}/u], [2, /[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]/u], [4, /[\p{Ll}\p{Lm}\p{Lo}\p{M}]/u],
    [8, /\p{N}/u], [16, /\s/u], [32, /\p{M}/u],
];
const runs = [];
let previous = -1;
for (let cp = 0; cp <= 0x10ffff; ++cp) {
    let bits = 0;
    if (cp < 0xd800 || cp > 0xdfff) {
        const ch = String.fromCodePoint(cp);
        for (const [bit, test] of CLASS_TESTS) if (test.test(ch)) bits |= bit;
    }
    if (bits !== previous) {
        runs.push(cp, bits);
        previous = bits;
    }
}
const classes = Buffer.alloc(4 + 4 * runs.length);
classes.writeUInt32LE(runs.length / 2);
runs.forEach((value, i) => classes.writeUInt32LE(value, 4 + 4 * i));
fs.writeFileSync(path.join(outDir, 'classes.bin'), classes);

// --- js-tiktoken's model table -----------------------------------------------------------------------
// The names are the cases of getEncodingNameForModel's switch, read from js-tiktoken's own source.
const dist = path.dirname(fileURLToPath(import.meta.resolve('js-tiktoken/lite')));
const models = new Set();
for (const file of fs.readdirSync(dist).filter((name) => name.endsWith('.js'))) {
    const source = fs.readFileSync(path.join(dist, file), 'utf8');
    const at = source.indexOf('function getEncodingNameForModel');
    if (at < 0) continue;
    for (const match of source.slice(at, source.indexOf('default:', at)).matchAll(/case "([^"]+)":/g)) {
        models.add(match[1]);
    }
}
if (models.size === 0) throw new Error('no model names found in js-tiktoken');
const lines = [...models].sort().map((model) => {
    const name = getEncodingNameForModel(model);
    return `${model} ${name === 'o200k_base' || name === 'cl100k_base' ? name : 'none'}`;
});
fs.writeFileSync(path.join(outDir, 'models.txt'), lines.join('\n') + '\n');

console.log(`token fixtures: ${corpus.length} corpus cases, ${demo.length} demo texts, ` +
            `${runs.length / 2} class runs, ${models.size} models`);
