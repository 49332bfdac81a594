/**
 * A bank of locker compartments that stands in for the RS-485 boards under `--simulate`. It keeps
 * what the status bar needs (how many compartments, how many free, how many out of service); the
 * hardware issue replaces the inside with protocol-level board emulators.
 */
export type CompartmentSize = 'S' | 'M' | 'L';

export interface SimulatedCompartment {
  board: number;
  lock: number;
  size: CompartmentSize;
  occupied: boolean;
  outOfService: boolean;
}

export function defaultCompartments(boards = 2, locksPerBoard = 12): SimulatedCompartment[] {
  const sizes: CompartmentSize[] = ['S', 'S', 'S', 'S', 'M', 'M', 'M', 'M', 'L', 'L', 'L', 'L'];
  const out: SimulatedCompartment[] = [];
  for (let board = 1; board <= boards; board++) {
    for (let lock = 1; lock <= locksPerBoard; lock++) {
      out.push({
        board,
        lock,
        size: sizes[(lock - 1) % sizes.length]!,
        occupied: false,
        outOfService: false,
      });
    }
  }
  return out;
}

export class SimulatedLockerBank {
  readonly compartments: SimulatedCompartment[];

  constructor(compartments: SimulatedCompartment[] = defaultCompartments()) {
    this.compartments = compartments;
  }

  summary(): { compartments: number; free: number; outOfService: number } {
    const inService = this.compartments.filter((c) => !c.outOfService);
    return {
      compartments: this.compartments.length,
      free: inService.filter((c) => !c.occupied).length,
      outOfService: this.compartments.length - inService.length,
    };
  }
}
