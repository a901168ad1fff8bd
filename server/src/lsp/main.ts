/**
 * `duty-report-language-server`: the server as a program. The transport is chosen by the
 * client's usual flags (--stdio, --node-ipc, --socket=PORT, --pipe=NAME).
 */
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';
import { version } from '../../../package.json';
import { nodeFileHost, nodeProcessHost } from '../node/serverHost';
import { startServer } from './server';

/** How long (ms) a message may stay half-received before the framing counts as broken (tests set it shorter). */
const PARTIAL_MESSAGE_MS = Number(process.env.DUTY_REPORT_PARTIAL_MESSAGE_MS) || 15000;

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
  startServer(args.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all), { files: nodeFileHost(), process: nodeProcessHost });
}

/**
 * Over stdio the bytes are framed by Content-Length headers. After a framing error (a header
 * without a length, a body that is not JSON, a length the data never reaches) the reader cannot
 * find the next message again: it would stay alive and never answer. It ends instead, with a
 * non-zero code, so the client restarts it.
 */
function stdioConnection(): Connection {
  const reader = new StreamMessageReader(process.stdin);
  const broken = (why: string) => {
    process.stderr.write(`duty-report-language-server: 消息格式错误，退出以便编辑器重启 / framing error, exiting so the editor restarts the server: ${why}\n`);
    process.exit(1);
  };
  reader.onError((err) => {
    // The reader reports two kinds of error: the framing's (headers, a body that is not JSON),
    // after which it is lost, and a fault while one well-framed message was handled, after
    // which the next message is read as usual.
    if (err instanceof SyntaxError || /Content-Length|Header must/.test(err.message)) broken(err.message);
    else process.stderr.write(`duty-report-language-server: 一条消息处理失败，已忽略 / a message failed and was dropped: ${err.message}\n`);
  });
  // A message begun and not finished within this time never will be: its length was wrong.
  reader.partialMessageTimeout = PARTIAL_MESSAGE_MS;
  reader.onPartialMessage((info) => broken(`a message stayed incomplete for ${info.waitingTime} ms`));
  return createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout));
}
