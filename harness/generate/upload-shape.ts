import * as fc from 'fast-check';

/**
 * Files for the upload server (003 §10), drawn for a generated server property: sizes from empty
 * through one chunk to many times the socket buffer, and the client's chunk size, so that the
 * body reaches the server in one piece, in a few or in hundreds. Not scenarios: the server
 * property probes the running server with each (spec/checks/server-property.ts).
 */
export interface GeneratedUpload {
  size: number;
  chunkSize: number;
}

export function uploadShapes(): fc.Arbitrary<GeneratedUpload> {
  const chunkSize = fc.oneof(fc.constant(1024), fc.integer({ min: 256, max: 8192 }));
  return chunkSize.chain((chunk) =>
    fc
      .oneof(fc.constant(0), fc.integer({ min: 1, max: 2 * chunk }), fc.constantFrom(chunk - 1, chunk, chunk + 1), fc.integer({ min: 2 * chunk, max: 300_000 }))
      .map((size): GeneratedUpload => ({ size, chunkSize: chunk })),
  );
}
