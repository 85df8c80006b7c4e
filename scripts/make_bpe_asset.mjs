// Converts js-tiktoken's BPE ranks into Tuneboard's compact binary asset, one file per encoding:
//   node scripts/make_bpe_asset.mjs OUT_DIR ENCODING...        (ENCODING: o200k_base | cl100k_base)
// writes OUT_DIR/ENCODING.tiktoken.bin. The ranks are parsed by js-tiktoken itself (its Tiktoken
// constructor), so the asset holds exactly the table the fixtures' expected counts come from.
//
// Layout (little-endian), read by src/core/tokens/bpe.cpp:
//   0   8 bytes  magic "TBBPE\x00\x00\x01"
//   8   u32      pattern: 0 = cl100k_base, 1 = o200k_base (which pre-tokeniser splits the text)
//   12  u32      N, the number of ranks; rank r is the r-th token
//   16  u32      B, the total length of the token bytes
//   20  N bytes  each token's length (0 for a rank js-tiktoken leaves unused)
//   20+N B bytes the tokens' bytes, in rank order
// Lengths of one byte keep the file small (ranks would otherwise need a four-byte offset each); the
// loader rebuilds the offsets with one prefix sum.
import fs from 'node:fs';
import path from 'node:path';
import { Tiktoken } from 'js-tiktoken/lite';

const PATTERNS = { cl100k_base: 0, o200k_base: 1 };

async function ranksOf(name) {
    const module = await import(`js-tiktoken/ranks/${name}`);
    return module.default;
}

function buildAsset(name, ranks) {
    const tiktoken = new Tiktoken(ranks);
    // textMap: rank -> token bytes, filled by js-tiktoken from the base64 table.
    const byRank = tiktoken.textMap;
    if (byRank.size !== tiktoken.rankMap.size) throw new Error(`${name}: two ranks share one token`);
    let count = 0;
    for (const rank of byRank.keys()) {
        if (!Number.isInteger(rank) || rank < 0) throw new Error(`${name}: bad rank ${rank}`);
        count = Math.max(count, rank + 1);
    }
    let total = 0;
    for (const bytes of byRank.values()) {
        if (bytes.length === 0 || bytes.length > 255) throw new Error(`${name}: token of ${bytes.length} bytes`);
        total += bytes.length;
    }
    const out = Buffer.alloc(20 + count + total);
    Buffer.from([0x54, 0x42, 0x42, 0x50, 0x45, 0x00, 0x00, 0x01]).copy(out, 0);
    out.writeUInt32LE(PATTERNS[name], 8);
    out.writeUInt32LE(count, 12);
    out.writeUInt32LE(total, 16);
    let at = 20 + count;
    for (let rank = 0; rank < count; ++rank) {
        const bytes = byRank.get(rank);
        if (bytes === undefined) continue;  // length stays 0
        out[20 + rank] = bytes.length;
        out.set(bytes, at);
        at += bytes.length;
    }
    return { out, count, gaps: count - byRank.size };
}

const [outDir, ...names] = process.argv.slice(2);
if (!outDir || names.length === 0) {
    console.error('usage: node scripts/make_bpe_asset.mjs OUT_DIR ENCODING...');
    process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });
for (const name of names) {
    if (!(name in PATTERNS)) throw new Error(`unknown encoding ${name}`);
    const { out, count, gaps } = buildAsset(name, await ranksOf(name));
    const file = path.join(outDir, `${name}.tiktoken.bin`);
    // Written beside and renamed, so an interrupted build never leaves a truncated asset behind.
    fs.writeFileSync(`${file}.partial`, out);
    fs.renameSync(`${file}.partial`, file);
    console.log(`${file}: ${count} ranks (${gaps} unused), ${out.length} bytes`);
}
