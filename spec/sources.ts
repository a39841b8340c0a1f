import type { Source } from './claim';

/**
 * The five seed documents, by the name the catalog cites them with. The file names are the
 * seeds' own (../shared/seeds/); the short titles are ours, for readers of reports.
 */
export const DOCS = {
  /** "python 网络编程": process attributes, IPC, pools, coroutines, non-blocking IO, select */
  netProg: '000_fd5cb305a28d9499.txt',
  /** "Python 之网络式编程": sockets, sticky packets, socketserver, HMAC, FTP, threads, locks, queues */
  netStyle: '001_90e828608a69199b.txt',
  /** "进程、线程、协程": process/thread socket servers, ticket grabbing, producer-consumer, crawler */
  procThreadCoro: '002_11e3be53c2de223d.txt',
  /** "网络编程": TCP/UDP, sticky packets and fixes, socketserver, processes, threads, GIL, pools, coroutines */
  networking: '003_92709ea86e1a80fd.txt',
  /** "python基础 模拟socketserver,...": daemon, terminate, locks, semaphores, events, queues, producer-consumer */
  basics: '004_e290d6b567cd05dd.txt',
} as const;

export type DocKey = keyof typeof DOCS;

/** Builds a Source; the catalog test checks that `section` and `quote` occur verbatim in the document. */
export function from(doc: DocKey, section: string, quote: string): Source {
  return { doc: DOCS[doc], section, quote };
}
