/** threading's Thread and module functions for the reference implementation (worker threads). */
export { Thread, current_thread, main_thread, enumerate, active_count, get_ident, type ThreadOptions } from './thread';
