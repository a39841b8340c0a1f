import type { ExportRef } from './target-ref';

/** The one message a parent sends a new child (process.ts -> child-main.ts). */
export interface ChildStartMessage {
  type: 'start';
  /** Where impl/process's sources are, for the child's own children. */
  sourceDir: string;
  name: string;
  identity: number[];
  daemon: boolean;
  parentPid: number;
  /** The parent's argv after the node binary, as CPython's spawn gives the child the parent's sys.argv. */
  argv: string[];
  /** Modules to load (source path and the bundle to load it from). */
  modules: { module: string; bundle: string }[];
  /** A Process subclass to rebuild the object from; absent for Process itself. */
  classRef?: ExportRef;
  targetRef?: ExportRef;
  /** encodeValue({ fields, args }): the object's own fields and the target's arguments. */
  state: Uint8Array;
}
