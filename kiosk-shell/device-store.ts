/**
 * The terminal's identity at the county: written once at enrollment, read at every start. The token
 * stays on the Node side (the kiosk origin's proxy adds it to county calls), so page script never
 * holds it.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';

export const deviceCredentialsSchema = z.object({
  deviceId: z.string().min(1),
  villageId: z.string().min(1),
  token: z.string().min(20),
  countyUrl: z.string().url(),
});
export type DeviceCredentials = z.infer<typeof deviceCredentialsSchema>;

export const deviceFile = (dataDir: string): string => join(dataDir, 'kiosk', 'device.json');

export async function readDevice(dataDir: string): Promise<DeviceCredentials | undefined> {
  let text: string;
  try {
    text = await readFile(deviceFile(dataDir), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const parsed = deviceCredentialsSchema.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new Error(`${deviceFile(dataDir)} is damaged: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** Written to a temporary file and renamed, so a power cut leaves the old file or the new one, never half. */
export async function writeDevice(dataDir: string, creds: DeviceCredentials): Promise<void> {
  const file = deviceFile(dataDir);
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  await writeFile(tmp, JSON.stringify(deviceCredentialsSchema.parse(creds), null, 2), { mode: 0o600 });
  await rename(tmp, file);
}
