// Lighthouse runs, many in one Node process and one Chromium (lighthouse.py's Auditor starts it).
//
//     node scripts/measuring/lighthouse_worker.mjs '<flags as JSON>'
//
// Takes one JSON line per run on stdin: {"url": ..., "out": path}; gives one JSON line per run on
// stdout: {"ok": true} once the report (Lighthouse's JSON, as the CLI writes it) is at `out`, or
// {"error": "..."}. Each run gets a fresh browser context (its own cache, cookies, storage and
// connections, like the CLI's fresh profile) in the Chromium started once here, so a run costs
// Lighthouse's own work and not Node's start-up and Chromium's launch. Flags are Lighthouse's
// (`onlyCategories`, `skipAudits`, ...) plus `chromeFlags` (a list) for the one launch.
import {writeFileSync} from 'node:fs';
import {createInterface} from 'node:readline';

import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import puppeteer from 'puppeteer-core';

const {chromeFlags = [], ...flags} = JSON.parse(process.argv[2] || '{}');
const chrome = await chromeLauncher.launch({chromeFlags, chromePath: process.env.CHROME_PATH});
const browser = await puppeteer.connect({browserURL: `http://127.0.0.1:${chrome.port}`, defaultViewport: null});

async function run({url, out}) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    const result = await lighthouse(url, {output: 'json', logLevel: 'error', ...flags}, undefined, page);
    if (!result) throw new Error('Lighthouse gave no result');
    writeFileSync(out, result.report, 'utf-8');
    return {ok: true};
  } finally {
    await context.close();
  }
}

try {
  for await (const line of createInterface({input: process.stdin})) {
    if (!line.trim()) continue;
    const answer = await run(JSON.parse(line)).catch(error => ({error: String(error?.stack || error)}));
    process.stdout.write(JSON.stringify(answer) + '\n');
  }
} finally {
  await browser.disconnect();
  await chrome.kill();
}
