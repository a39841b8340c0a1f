/**
 * fast-check arbitraries of scenarios (docs/scenario-model.md), one per primitive family, for
 * property claims (spec/properties.ts). Each draws valid scenarios that cannot hang on a correct
 * implementation, so a run that reaches its deadline is itself a finding.
 *
 * - frame.ts                  time unit, deadline, actors and blocks shared by all
 * - lock-scenario.ts          Lock / RLock
 * - semaphore-scenario.ts     Semaphore(N) / BoundedSemaphore(N)
 * - event-scenario.ts         Event
 * - queue-scenario.ts         Queue / LifoQueue / PriorityQueue, bounded or not
 * - joinable-queue-scenario.ts  task_done / join
 * - daemon-scenario.ts        a main process with daemonic and non-daemonic children
 * - pool-workload-scenario.ts a Pool workload of apply_async tasks with callbacks (an example program)
 * - udp-datagram-scenario.ts  datagrams of random sizes to a UDP socket, read with recvfrom(n)
 * - upload-shape.ts           files and chunk sizes for the upload server (a server property, not scenarios)
 */

export * from './frame';
export * from './lock-scenario';
export * from './semaphore-scenario';
export * from './event-scenario';
export * from './queue-scenario';
export * from './joinable-queue-scenario';
export * from './daemon-scenario';
export * from './pool-workload-scenario';
export * from './udp-datagram-scenario';
export * from './upload-shape';
