/**
 * API scoring: POST /api/score against the local host on Azurite, after a run on 20,000 customers
 * (8 numeric + 1 categorical columns, a churn label). Prints throughput (customers/s) and p50/p99
 * latency for 1 and for 1,000 customers per request, and the same figures for the anchor: the
 * inference service a team would write with scikit-learn (the notebook's scaler + one-hot, k-means
 * and logistic regression behind Python's own HTTP server), called by the same client on the same rows.
 *   npm run bench -- score [--no-anchor] [--single=500] [--batch=40]
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readyLine, startBenchHost, uploadAndAwaitRun } from './lib/benchHost';
import { mulberry32 } from '../tools/random/mulberry32';
import { PYTHON, argValue, hasSklearn, scratchDir, table } from './lib/benchEnv';

const rows = 20_000;
const numeric = 8;
const plans = ['basic', 'plus', 'pro', 'team'];

type Customer = Record<string, string>;

/** Customers from a few overlapping groups; churn depends on some of the columns. */
function generate(): { header: string[]; customers: Customer[]; labels: string[] } {
  const random = mulberry32(7_001);
  const gauss = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  const centers = Array.from({ length: 4 }, () => Array.from({ length: numeric }, () => gauss() * 1.5));
  const header = ['customer_id', ...Array.from({ length: numeric }, (_, j) => `f${j + 1}`), 'plan'];
  const customers: Customer[] = [];
  const labels: string[] = [];
  for (let i = 0; i < rows; i++) {
    const g = Math.floor(random() * 4);
    const values = centers[g]!.map((c) => Number((c + gauss()).toFixed(4)));
    const logit = 0.9 * values[0]! - 0.7 * values[2]! - 1;
    const customer: Customer = { customer_id: `C${String(i).padStart(6, '0')}`, plan: plans[(g + (random() < 0.2 ? 1 : 0)) % 4]! };
    values.forEach((v, j) => (customer[`f${j + 1}`] = String(v)));
    customers.push(customer);
    labels.push(random() < 1 / (1 + Math.exp(-logit)) ? 'yes' : 'no');
  }
  return { header, customers, labels };
}

function writeTraining(file: string, data: ReturnType<typeof generate>): void {
  const lines = [[...data.header, 'churned'].join(',')];
  data.customers.forEach((c, i) => lines.push([...data.header.map((h) => c[h]), data.labels[i]].join(',')));
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

interface Figures {
  perRequest: number;
  requests: number;
  p50: number;
  p99: number;
  customersPerSecond: number;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * Sequential requests of `perRequest` customers each (a client waiting for every answer, as an
 * application scoring its sign-ups does), after a few unmeasured ones that warm caches and the JIT.
 */
async function measure(post: (customers: Customer[]) => Promise<number>, pool: Customer[], perRequest: number, requests: number): Promise<Figures> {
  const batch = (r: number) => Array.from({ length: perRequest }, (_, i) => pool[(r * perRequest + i) % pool.length]!);
  for (let r = 0; r < Math.min(5, requests); r++) await post(batch(requests + r));
  const latencies: number[] = [];
  const started = performance.now();
  for (let r = 0; r < requests; r++) {
    const t = performance.now();
    const scored = await post(batch(r));
    latencies.push(performance.now() - t);
    if (scored !== perRequest) throw new Error(`asked for ${perRequest} scores, got ${scored}`);
  }
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { perRequest, requests, p50: percentile(latencies, 50), p99: percentile(latencies, 99), customersPerSecond: (perRequest * requests) / seconds };
}

async function postJson(url: string, body: unknown): Promise<number> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json()) as { results?: unknown[]; error?: unknown };
  if (res.status !== 200) throw new Error(`${url} → ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
  return json.results?.length ?? 0;
}

/** The local host on a fresh Azurite, trained on the file; returns the API's base URL and how to stop. */
async function startTrainedHost(training: string): Promise<{ url: string; k: number; stop: () => Promise<void> }> {
  const host = await startBenchHost();
  const started = performance.now();
  const latest = await uploadAndAwaitRun(host.service, 'bench', training);
  const modelBlob = host.service.getContainerClient('results').getBlobClient(`bench/${latest.runId}/model.json`);
  const model = JSON.parse((await modelBlob.downloadToBuffer()).toString()) as { centroids: unknown[] };
  console.log(`trained on ${rows.toLocaleString('en')} customers in ${((performance.now() - started) / 1000).toFixed(1)} s (k=${model.centroids.length})`);
  return { url: host.url, k: model.centroids.length, stop: () => host.stop() };
}

/**
 * The anchor service: pandas + scikit-learn fitted on the same file (median imputation and
 * StandardScaler, one-hot, KMeans with the k our run chose, LogisticRegression), answering
 * POST /score {customers} with each customer's segment, churn probability and three drivers,
 * from Python's ThreadingHTTPServer.
 */
const anchorService = String.raw`
import json, sys
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
import numpy as np, pandas as pd
from sklearn.cluster import KMeans
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

path, k = sys.argv[1], int(sys.argv[2])
df = pd.read_csv(path)
numeric = [c for c in df.columns if c.startswith('f')]
features = ColumnTransformer([('num', make_pipeline(SimpleImputer(strategy='median'), StandardScaler()), numeric),
                              ('cat', OneHotEncoder(handle_unknown='ignore'), ['plan'])])
X = features.fit_transform(df)
kmeans = KMeans(n_clusters=k, n_init=3, random_state=42).fit(X)
churn = LogisticRegression(max_iter=1000).fit(X, (df['churned'] == 'yes').astype(int))
names = features.get_feature_names_out()

class Score(BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers['content-length'])))
        rows = pd.DataFrame(body['customers'])
        for c in numeric:
            rows[c] = pd.to_numeric(rows[c], errors='coerce')
        x = features.transform(rows)
        segments = kmeans.predict(x)
        p = churn.predict_proba(x)[:, 1]
        contributions = x * churn.coef_[0]
        top = np.argsort(-np.abs(contributions), axis=1)[:, :3]
        results = [{'id': str(rows['customer_id'].iloc[i]), 'segment': int(segments[i]), 'churnProbability': float(p[i]),
                    'drivers': [{'feature': str(names[j]), 'contribution': float(contributions[i, j])} for j in top[i]]}
                   for i in range(len(rows))]
        out = json.dumps({'results': results}).encode()
        self.send_response(200)
        self.send_header('content-type', 'application/json')
        self.send_header('content-length', str(len(out)))
        self.end_headers()
        self.wfile.write(out)
    def log_message(self, *args):
        pass

server = ThreadingHTTPServer(('127.0.0.1', 0), Score)
print(json.dumps({'ready': 'http://127.0.0.1:%d' % server.server_address[1]}), flush=True)
server.serve_forever()
`;

async function startAnchor(training: string, k: number): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(PYTHON, ['-c', anchorService, training, String(k)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = (await readyLine(child, /\{"ready": "([^"]+)"\}/, 'the scikit-learn service'))[1]!;
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function main(args: string[] = []): Promise<void> {
  const single = Number(argValue(args, 'single') ?? 500);
  const batches = Number(argValue(args, 'batch') ?? 40);
  const data = generate();
  const training = path.join(scratchDir('score'), `customers_${rows}.csv`);
  writeTraining(training, data);
  console.log(`score: POST /api/score after a run on ${rows.toLocaleString('en')} customers × ${numeric} numeric + 1 categorical + churn label; requests one after another from one client`);

  const ours = await startTrainedHost(training);
  const figures: { name: string; f: Figures }[] = [];
  try {
    const post = (customers: Customer[]) => postJson(`${ours.url}/api/score`, { dataset: 'bench', customers });
    figures.push({ name: 'segmentwise', f: await measure(post, data.customers, 1, single) });
    figures.push({ name: 'segmentwise', f: await measure(post, data.customers, 1000, batches) });
  } finally {
    await ours.stop();
  }

  const anchorWanted = !args.includes('--no-anchor');
  let anchor: Figures[] = [];
  if (anchorWanted && hasSklearn()) {
    const service = await startAnchor(training, ours.k);
    try {
      const post = (customers: Customer[]) => postJson(`${service.url}/score`, { customers });
      anchor = [await measure(post, data.customers, 1, single), await measure(post, data.customers, 1000, batches)];
      for (const f of anchor) figures.push({ name: 'scikit-learn service', f });
    } finally {
      await service.stop();
    }
  }

  console.log(
    table([
      ['service', 'customers/request', 'requests', 'p50 ms', 'p99 ms', 'customers/s'],
      ...figures.map(({ name, f }) => [name, String(f.perRequest), String(f.requests), f.p50, f.p99, f.customersPerSecond]),
    ]),
  );
  if (anchor.length === 2) {
    for (const [i, f] of [figures[0]!.f, figures[1]!.f].entries()) {
      const a = anchor[i]!;
      console.log(
        `${String(f.perRequest).padStart(4)} per request: p50 ratio ${(f.p50 / a.p50).toFixed(2)}×, p99 ratio ${(f.p99 / a.p99).toFixed(2)}×, throughput ratio ${(f.customersPerSecond / a.customersPerSecond).toFixed(2)}× (ours / scikit-learn; below 1 is faster for latency, above 1 for throughput)`,
      );
    }
    console.log('Ours looks up the dataset\'s latest model in storage and checks every value of every request; the anchor holds one model in memory and checks nothing.');
  } else {
    console.log(
      anchorWanted
        ? 'scikit-learn not installed (apt-get install python3-sklearn python3-pandas): absolute figures only, no anchor.'
        : 'anchor skipped (--no-anchor): absolute figures only.',
    );
  }
}
