/**
 * `duty-report-language-server`: the server as a program. The transport is chosen by the
 * client's usual flags (--stdio, --node-ipc, --socket=PORT, --pipe=NAME).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { version } from '../../../package.json';
import { nodeFileHost, nodeProcessHost } from '../node/serverHost';
import { startServer } from './server';

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${version}\n`);
} else if (!args.some((a) => /^--(?:stdio|node-ipc|socket|pipe)\b/.test(a))) {
  process.stderr.write(
    '用法 / usage: duty-report-language-server --stdio | --node-ipc | --socket=<port> | --pipe=<name>\n' +
      '述职报告助手的语言服务器，由编辑器启动。The Duty Report Assistant language server; an editor starts it.\n',
  );
  process.exitCode = 2;
} else {
  startServer(createConnection(ProposedFeatures.all), { files: nodeFileHost(), process: nodeProcessHost });
}
