import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { devAccountKey } from '../../../local/azurite';

/**
 * No credential is ever committed: every tracked file (and every new file git would pick up) is
 * scanned for storage account keys, SAS tokens, API keys, tokens and private keys. The Azurite
 * development key is public but is kept split in local/azurite.ts, so no file holds it whole.
 */
const repoRoot = path.resolve(__dirname, '../../..');

interface SecretPattern {
  name: string;
  pattern: RegExp;
}

const secretPatterns: SecretPattern[] = [
  { name: 'storage account key', pattern: /AccountKey=[A-Za-z0-9+/]{40,}={0,2}/ },
  { name: 'shared access key', pattern: /SharedAccessKey=[A-Za-z0-9+/]{20,}={0,2}/ },
  { name: 'SAS token', pattern: /\bsv=20\d\d-\d\d-\d\d&[^\s"'`]*?\bsig=[A-Za-z0-9%+/=]{10,}/ },
  { name: 'SAS signature', pattern: /[?&]sig=[A-Za-z0-9%+/]{20,}(?:%3D|=){0,2}(?:&|$|["'\s])/ },
  {
    name: 'API key value',
    pattern: /(?:api[-_]?key|apikey|x-functions-key|client[-_]?secret|subscription[-_]?key)["']?\s*[:=]\s*["'`][A-Za-z0-9_\-+/=]{20,}["'`]/i,
  },
  { name: 'OpenAI-style key', pattern: /\bsk-(?:proj-)?[A-Za-z0-9_-]{32,}/ },
  { name: 'JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/ },
  { name: 'private key', pattern: /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/ },
  { name: 'GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}/ },
  { name: 'AWS access key', pattern: /\bAKIA[0-9A-Z]{16}\b/ },
  { name: 'function key in a URL', pattern: /[?&]code=[A-Za-z0-9_\-]{30,}={0,2}/ },
];

/** A long run of base64 mixing cases and digits: how generated secrets look when nothing labels them. */
const longBase64 = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/]{60,}={0,2}(?![A-Za-z0-9+/=_-])/g;
/** Long base64 that is not a secret: package integrity hashes and embedded images or fonts. */
const benignBase64Context = /(?:sha(?:1|256|384|512)-|base64,)$/;

/**
 * Made-up secrets that other tests need verbatim (a redaction test must hold what it redacts),
 * allowed by the SHA-256 of the exact line, so any other line of those files is still scanned and
 * this file holds none of them. Each is visibly fake: the SAS signature is "SECRETSIGNATURE123",
 * the account key decodes to the alphabet, the JWT's signature to "signature-bytes-here".
 */
const knownFakes: { file: string; lineSha256: string }[] = [
  { file: 'test/unit/telemetry/createLogger.test.ts', lineSha256: '3bb019a293fbb29bbc0c710d1c03c4fab9f5db86807f5b3271d62a3cae017fa2' },
  { file: 'test/unit/telemetry/redactSecrets.test.ts', lineSha256: '413ed55d0734b966f1997e8f97df1ea162f9705cb4ced122d4ddf9a9e6eb8b9f' },
  { file: 'test/unit/telemetry/redactSecrets.test.ts', lineSha256: 'e066eb0e56d5d917b10f4f1d127dfedc881e14b4d0f8d3ad83ad3e0ad26eb234' },
];

function isKnownFake(file: string, line: string): boolean {
  const candidates = knownFakes.filter((f) => f.file === file);
  if (candidates.length === 0) return false;
  const hash = createHash('sha256').update(line.trim()).digest('hex');
  return candidates.some((f) => f.lineSha256 === hash);
}

interface Finding {
  file: string;
  line: number;
  kind: string;
}

function scanText(file: string, text: string, wholeKeys: string[]): Finding[] {
  const findings: Finding[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (isKnownFake(file, line)) return;
    for (const { name, pattern } of secretPatterns) if (pattern.test(line)) findings.push({ file, line: i + 1, kind: name });
    for (const m of line.matchAll(longBase64)) {
      const value = m[0];
      const mixed = /[A-Z]/.test(value) && /[a-z]/.test(value) && /\d/.test(value);
      if (mixed && !benignBase64Context.test(line.slice(Math.max(0, m.index! - 10), m.index))) {
        findings.push({ file, line: i + 1, kind: 'long base64 secret' });
      }
    }
  });
  for (const key of wholeKeys) if (text.includes(key)) findings.push({ file, line: 0, kind: 'a whole known key' });
  return findings;
}

function gitFiles(): string[] {
  const list = (args: string[]) => execFileSync('git', ['ls-files', '-z', ...args], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 }).toString('utf8').split('\0').filter(Boolean);
  return [...new Set([...list([]), ...list(['--others', '--exclude-standard'])])].sort();
}

function readText(file: string): string | undefined {
  const full = path.join(repoRoot, file);
  if (!fs.existsSync(full) || !fs.statSync(full).isFile()) return undefined; // deleted in the working tree
  const bytes = fs.readFileSync(full);
  if (bytes.subarray(0, 8000).includes(0)) return undefined; // binary
  return bytes.toString('utf8');
}

const hasGit = (() => {
  try {
    execFileSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: repoRoot, stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();

// Samples are assembled at run time so this file itself holds none of them.
const b64 = (n: number) => Array.from({ length: n }, (_, i) => 'Ab3+Zq9/Kx7Lm2Np'[(i * 5 + Math.floor(i / 16)) % 16]).join('');
const samples: [string, string][] = [
  ['storage account key', `DefaultEndpointsProtocol=https;AccountName=prod;Account${'Key'}=${b64(86)}==;`],
  ['SAS token', `https://a.blob.core.windows.net/c/b?sv=2024-08-04&ss=b&srt=o&sp=r&se=2030-01-01&s${'ig'}=${b64(43)}%3D`],
  ['API key value', `const apiKey = "${'0123456789abcdef'.repeat(2)}";`],
  ['API key value', `AZURE_OPENAI_API_${'KEY'}="${b64(32).replace(/[+/]/g, 'x')}"`],
  ['OpenAI-style key', `s${'k'}-${'a1B2c3D4'.repeat(6)}`],
  ['JSON Web Token', `Authorization: Bearer ${'ey'}J${b64(20).replace(/[+/]/g, 'x')}.${'ey'}J${b64(30).replace(/[+/]/g, 'y')}.${b64(40).replace(/[+/]/g, 'z')}`],
  ['private key', `-----BEGIN RSA ${'PRIVATE'} KEY-----`],
  ['long base64 secret', `const token = '${b64(88)}';`],
  ['function key in a URL', `https://app.azurewebsites.net/api/score?co${'de'}=${b64(54).replace(/[+/]/g, 'Q')}==`],
];

describe('the secret scanner', () => {
  test.each(samples)('finds a %s', (kind, text) => {
    expect(scanText('sample', text, []).map((f) => f.kind)).toContain(kind);
  });

  test('finds a whole known key anywhere, and not its halves on their own', () => {
    const key = devAccountKey;
    expect(scanText('sample', `const k = "${key.slice(0, 48)}" + "${key.slice(48)}";`, [key])).toEqual([]);
    expect(scanText('sample', `x${key}x`, [key]).map((f) => f.kind)).toContain('a whole known key');
  });

  test('leaves ordinary code, placeholders, references and integrity hashes alone', () => {
    const benign = [
      'AccountKey=${devAccountKey};BlobEndpoint=${endpoint}',
      '"AZURE_OPENAI_API_KEY": "",',
      'apiKey: process.env.AZURE_OPENAI_API_KEY,',
      "headers: { 'api-key': 'test-key-123' }",
      `"integrity": "sha512-${b64(86)}==",`,
      `src="data:image/png;base64,${b64(120)}"`,
      '  "sig": "<the signature>",',
      "const sas = `${url}?${sas}`;",
      'Use `az storage account keys list` to get an account key.',
    ].join('\n');
    expect(scanText('benign', benign, [])).toEqual([]);
  });
});

// Outside a git checkout (an unpacked archive) there is no list of tracked files to read: said by name.
const describeTracked = hasGit ? describe : (name: string, fn: () => void) => describe.skip(`${name} (skipped: not a git checkout, so no tracked files to scan)`, fn);

describeTracked('tracked files', () => {
  test('hold no API key, SAS token, account key, token or private key, and no whole Azurite key', () => {
    const files = gitFiles();
    expect(files.length).toBeGreaterThan(50);
    expect(files).toContain('local/azurite.ts');
    const findings: Finding[] = [];
    let scanned = 0;
    for (const file of files) {
      const text = readText(file);
      if (text === undefined) continue;
      scanned++;
      findings.push(...scanText(file, text, [devAccountKey]));
    }
    expect(scanned).toBeGreaterThan(50);
    expect(findings).toEqual([]);
  });
});
