// Runs flow.json in an embedded Node-RED runtime, headless (no editor, no HTTP), once: an inject
// makes N numbers, split sends each as a message through a function node, join collects them.
// Prints "items N ms T" (inject to join, start-up excluded) and exits. Usage: node driver.js N
'use strict';
const http = require('http');
const os = require('os');
const fs = require('fs');
const path = require('path');
const RED = require('node-red');

const n = Number(process.argv[2] || 10000);
const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowhost-nodered-'));
const settings = {
  userDir,
  flowFile: path.join(__dirname, 'flow.json'),
  httpAdminRoot: false,
  httpNodeRoot: false,
  disableEditor: true,
  credentialSecret: false,
  logging: { console: { level: process.env.NR_LOG || 'error', metrics: false, audit: false } },
  functionGlobalContext: {
    items: n,
    // function nodes have no process object: the clock is handed to them
    clock: () => process.hrtime.bigint(),
    finished: (count, startedAt) => {
      const ms = Number(process.hrtime.bigint() - startedAt) / 1e6;
      console.log(`items ${count} ms ${ms.toFixed(1)}`);
      fs.rmSync(userDir, { recursive: true, force: true });
      process.exit(count === n ? 0 : 1);
    },
  },
};
RED.init(http.createServer(), settings);
RED.start().catch((e) => { console.error(e); process.exit(2); });
