/**
 * Loads every kind of process-level shared object, so that a process can rebuild any handle it
 * receives (each class registers its kind when its module loads).
 */
import './lock';
import './semaphore';
import './event';
import './queue';
import './value';
import './pipe';
import './manager';
