/**
 * Enrollment, Node side: the operator types the one-time code on the touchscreen; the shell (not
 * the page) calls the county and keeps the device token in data/kiosk/device.json, so page script
 * never holds it (docs/architecture-changes.md §1).
 */
import {
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  enrollRequestSchema,
  enrollResponseSchema,
  errorBodySchema,
} from '../sync/protocol';
import { fail, ok, type EnrollResult, type Result } from './api';
import { writeDevice, type DeviceCredentials } from './device-store';

export interface EnrollOptions {
  countyUrl: string | undefined;
  dataDir: string;
  code: string;
  deviceName: string;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
}

export async function enrollDevice(
  opts: EnrollOptions,
): Promise<{ result: Result<EnrollResult>; credentials?: DeviceCredentials }> {
  if (!opts.countyUrl) {
    return {
      result: fail(
        'NOT_AVAILABLE',
        '未配置县中心地址，请技术员设置 kiosk.countyUrl / county URL not configured',
      ),
    };
  }
  const request = enrollRequestSchema.safeParse({ code: opts.code, deviceName: opts.deviceName });
  if (!request.success) {
    return { result: fail('BAD_REQUEST', request.error.issues[0]?.message ?? '注册码格式不对') };
  }
  let res: Response;
  try {
    res = await (opts.fetchImpl ?? fetch)(new URL('/api/v1/enroll', opts.countyUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [PROTOCOL_HEADER]: PROTOCOL_VERSION },
      body: JSON.stringify(request.data),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 20_000),
    });
  } catch {
    return {
      result: fail('DISCONNECTED', '连不上县中心，请检查网络后再试 / cannot reach the county centre'),
    };
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const error = errorBodySchema.safeParse(body);
    if (res.status === 400 && error.success && error.data.error.code === 'ENROLLMENT_CODE_INVALID') {
      return {
        result: fail(
          'REJECTED',
          '注册码无效、已用过或已过期，请向县中心重新申请 / code invalid, used or expired',
        ),
      };
    }
    if (res.status === 429)
      return { result: fail('REJECTED', '尝试次数过多，请稍后再试 / too many attempts') };
    return { result: fail('INTERNAL', `县中心返回错误 ${res.status} / county answered ${res.status}`) };
  }
  const answer = enrollResponseSchema.safeParse(body);
  if (!answer.success) return { result: fail('INTERNAL', '县中心的回答格式不对 / malformed county answer') };
  const credentials: DeviceCredentials = {
    deviceId: answer.data.deviceId,
    villageId: answer.data.villageId,
    token: answer.data.token,
    countyUrl: opts.countyUrl,
  };
  await writeDevice(opts.dataDir, credentials);
  return {
    credentials,
    result: ok({
      deviceId: answer.data.deviceId,
      village: answer.data.village.name,
      township: answer.data.township.name,
      county: answer.data.county.name,
    }),
  };
}
