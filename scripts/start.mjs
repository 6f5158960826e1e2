#!/usr/bin/env node
// `npm start`: install what is missing, build the client when its sources are newer than client/dist,
// then serve everything from the express server (which prints the URL).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) {
    console.error(`\n${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status ?? 1);
  }
}

/** Newest modification time (ms) of any file under `p`, skipping node_modules and dist. */
function newest(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const name of readdirSync(p)) {
    if (name === 'node_modules' || name === 'dist') continue;
    max = Math.max(max, newest(path.join(p, name)));
  }
  return max;
}

if (!existsSync(path.join(root, 'node_modules', '.package-lock.json'))) {
  console.log('Installing dependencies…');
  run(npm, existsSync(path.join(root, 'package-lock.json')) ? ['ci'] : ['install']);
}

const clientIndex = path.join(root, 'client', 'index.html');
const builtIndex = path.join(root, 'client', 'dist', 'index.html');
if (existsSync(clientIndex)) {
  const sources = Math.max(
    newest(path.join(root, 'client')),
    newest(path.join(root, 'shared', 'src')),
    newest(path.join(root, 'vite.config.ts')),
    newest(path.join(root, 'package-lock.json')),
  );
  const built = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0;
  if (sources > built) {
    console.log('Building the client…');
    run(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build']);
  }
} else {
  console.log('No client/index.html yet: the server will serve a placeholder page.');
}

const tsxCli = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const server = spawn(process.execPath, [tsxCli, '--expose-gc', path.join(root, 'server', 'src', 'main.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: process.env,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
