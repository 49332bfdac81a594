/** The parcel service's store API (代收代发): see each module for its invariants. */
export * from './types';
export * from './codes';
export * from './lockout';
export * from './state';
export * from './compartments';
export * from './records';
export * from './overdue';
export * from './faults';
export * from './door';
export * from './intake';
export * from './pickup';
export * from './reconcile';
