/** Test helpers: the real handler table on simulated hardware, as both transports' tests use it. */
import type { SystemInfo } from './api';
import { createHandlers, type Handlers } from './handlers';
import { createSimulatedHardware, type SimulatedHardware } from './hardware';

export function testHandlers(
  shell: SystemInfo['shell'],
  hardware: SimulatedHardware = createSimulatedHardware(),
): { handlers: Handlers; hardware: SimulatedHardware } {
  const info = (): SystemInfo => ({
    version: 'test',
    shell,
    simulate: true,
    locale: 'zh-CN',
    idleTimeoutSeconds: 90,
    enrolled: false,
  });
  return { handlers: createHandlers({ hardware, info }), hardware };
}
