import type { Claim, Judgement, PropertyCheck } from './claim';
import { from } from './sources';
import { all, expect, expectCompleted, judge, ok } from './judging';
import { expectBytes } from './socket-judging';
import type { Scenario } from '../harness/scenario/model';
import type { ScenarioResult } from '../harness/scenario/result';
import { judgeUpload } from './checks/framing-server';
import { serverProperty } from './checks/server-property';
import { probeUpload } from '../harness/net-probes/upload-probe';
import { uploadShapes, datagramBytes, datagramReadsOf, udpDatagramScenarios, UDP_TARGET } from '../harness/generate';

/**
 * Property claims on the network: generated datagrams of random sizes, read with recvfrom(n) of
 * random sizes (harness/generate/udp-datagram-scenario.ts), and generated files sent to the
 * upload server in chunks of random sizes (harness/generate/upload-shape.ts), a server property
 * (checks/server-property.ts) since no scenario starts a server.
 */

/**
 * Each recvfrom returns one datagram's first n bytes, in the order sent: loopback neither
 * loses nor reorders a handful of small datagrams on Linux, so a read that ends blocked (the
 * run reaching its deadline) is a finding too: it means an earlier read took more than one.
 */
export function judgeDatagramBoundaries(run: ScenarioResult, s: Scenario): string {
  expectCompleted(run);
  const reads = all(run, 'recvfrom', UDP_TARGET);
  const plan = datagramReadsOf(s);
  expect(reads.length === plan.length, `one recvfrom per datagram: ${reads.length} of ${plan.length}`);
  plan.forEach((d, i) =>
    expectBytes(reads[i]!, datagramBytes(i, d.size).subarray(0, d.n), `recvfrom(${d.n}) #${i + 1} returns the first ${Math.min(d.n, d.size)} bytes of datagram #${i + 1} (${d.size} bytes) and nothing else`),
  );
  return `each of ${plan.length} recvfrom(n) returned exactly one datagram's first n bytes: none merged, none split`;
}

const udpBoundaries: PropertyCheck = {
  type: 'property',
  scenarios: udpDatagramScenarios(),
  judge: (run, s): Judgement => judge(() => ok(judgeDatagramBoundaries(run, s))),
};

/** A dozen uploads: each is one connection to a local server, milliseconds even at 300 kB. */
const UPLOAD_BUDGET = { runs: 12, ms: 8_000 };

/** The server stores each generated file whole, however its body was cut into chunks and however it arrived. */
const uploadsStoredWhole = serverProperty({ protocol: 'upload' }, uploadShapes(), async (target, upload, index, ctx) => {
  const fileName = `generated-${ctx.seed}-${index}.bin`;
  const record = await probeUpload([target.host, target.port], target.info, ctx.seed + index, 20, { ...upload, fileName });
  const judgement = judgeUpload(record);
  return judgement.ok ? { ok: true, message: judgement.message } : { ...judgement, message: `${upload.size} bytes in ${upload.chunkSize}-byte chunks: ${judgement.message}` };
}, UPLOAD_BUDGET);

export const claims: Claim[] = [
  {
    id: 'property.udp-datagrams-keep-boundaries',
    title: 'For any generated datagrams (empty, short, longer than the buffer) read with recvfrom(n): each call returns exactly one datagram, truncated to n bytes, never merged with another nor split across calls',
    topic: 'property',
    source: from('netStyle', '八\u00a0什么是粘包?', '注:只有TCP有粘包现象,UDP永远不会粘包'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['udp'],
    tags: ['property', 'generated', 'boundaries', 'sticky-packets'],
    check: udpBoundaries,
  },
  {
    id: 'property.upload-stores-any-file',
    title: 'For any generated file (empty, around one chunk, hundreds of kB) sent in chunks of any size, the upload server stores exactly file_size bytes, byte for byte',
    topic: 'property',
    source: from('networking', '10.文件的上传', "while total_size < head_dic['file_size']:"),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['upload-server'],
    tags: ['property', 'generated', 'upload', 'recv-loop', 'length-prefix'],
    check: uploadsStoredWhole,
  },
];
