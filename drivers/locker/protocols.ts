import { genericProtocol } from './generic-codec';
import { kerongProtocol } from './kerong-codec';
import type { LockerProtocol, ProtocolName } from './protocol';

export const lockerProtocols: Record<ProtocolName, LockerProtocol> = {
  generic: genericProtocol,
  kerong: kerongProtocol,
};
