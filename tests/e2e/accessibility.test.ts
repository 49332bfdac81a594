/**
 * Accessibility (issue 4, item 10): axe-core inside the built kiosk in Chromium, against `npm start`,
 * on the home screen, on every screen a home tile opens (read from the page, so services finished
 * later are covered without editing this file) and the step after its phone keypad where it has one, on the inner views of 公告, 溯源 and 我的订单, and on
 * what the operator entry opens. No 'serious' or 'critical' violation may remain.
 *
 * Context for the rules: the kiosk disables zoom on purpose (a public touchscreen; text is ≥ 24 px
 * instead); axe rates that `meta-viewport` finding 'moderate', so it is reported but does not fail.
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type * as Axe from 'axe-core';
import { hasChromium, suiteCanRun } from '../support/suites';
import { openKiosk, type KioskSession } from './product';

const canRun = suiteCanRun('Chromium', hasChromium(), 'apt-get install chromium');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface Finding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe on the page as it is now; returns every violation with the elements it names. */
async function audit(page: Page): Promise<Finding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof Axe }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
}

/**
 * The kiosk's own rule for elderly users (issue 4, item 9): every visible text at least 24 px and every
 * touch target at least 64 × 64 px. Returns what breaks it, as 'selector-ish: what'.
 */
async function sizeProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.opacity !== '0';
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || !node.textContent?.trim() || !visible(el) || el.closest('[aria-hidden="true"]')) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < 24)
        problems.push(`${describe(el)}: text ${size}px "${node.textContent.trim().slice(0, 20)}"`);
    }
    for (const el of document.querySelectorAll(
      'button, [role="button"], [role="radio"], a[href], input, select',
    )) {
      if (!visible(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width < 64 || r.height < 64)
        problems.push(`${describe(el)}: target ${Math.round(r.width)}×${Math.round(r.height)}px`);
    }
    return [...new Set(problems)];
  });
}

const serious = (findings: Finding[]) =>
  findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');

describe.skipIf(!canRun)('accessibility (axe-core in Chromium)', () => {
  let kiosk: KioskSession;
  let page: Page;
  /** Everything found per screen, printed at the end so a moderate finding is seen, not only failures. */
  const report: Record<string, Finding[]> = {};
  const withoutSpeaker: string[] = [];

  beforeAll(async () => {
    kiosk = await openKiosk();
    // axe is injected as a script; the kiosk's CSP (rightly) refuses inline scripts, so this context bypasses it.
    const context = await kiosk.browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'zh-CN',
      bypassCSP: true,
    });
    page = await context.newPage();
    await page.goto(kiosk.product.kioskUrl);
    await page.locator('.tiles .tile').first().waitFor();
  });

  afterAll(async () => {
    // One line per kind of finding, with the screens it was seen on.
    const seen = new Map<string, { f: Finding; screens: string[] }>();
    for (const [screen, findings] of Object.entries(report))
      for (const f of findings) {
        const key = `${f.impact} ${f.id}`;
        const entry = seen.get(key) ?? { f, screens: [] };
        entry.screens.push(screen);
        seen.set(key, entry);
      }
    for (const [key, { f, screens }] of seen)
      process.stdout.write(`[axe] ${key} — ${f.help} (${f.targets.join(', ')}) on ${screens.join(', ')}\n`);
    if (withoutSpeaker.length)
      process.stdout.write(`[speak] first screens without a 朗读 button: ${withoutSpeaker.join(', ')}\n`);
    await kiosk?.close();
  });

  async function check(screen: string): Promise<void> {
    const findings = await audit(page);
    report[screen] = findings;
    expect(serious(findings), `${screen}: ${JSON.stringify(serious(findings), null, 2)}`).toEqual([]);
    expect(await sizeProblems(page), `${screen}: text < 24 px or targets < 64 px`).toEqual([]);
  }

  /**
   * Taps a tile until the home screen has gone (whatever the service shows first). A tap can be lost
   * when the page reloads under it (the service worker taking control on a first visit), so retry.
   */
  async function openTileScreen(id: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await page.locator(`.tiles .tile[data-service="${id}"]`).click();
      try {
        await page.locator('main.home').waitFor({ state: 'detached', timeout: 5_000 });
        return;
      } catch (e) {
        if (attempt >= 3) throw new Error(`tile ${id} did not open its screen`, { cause: e });
        await home();
      }
    }
  }

  const home = async () => {
    await page.goto(kiosk.product.kioskUrl);
    await page.locator('.tiles .tile').first().waitFor();
  };

  it('home screen', async () => {
    await check('home');
  });

  it('catches a serious violation, small text and a small target when there are some (the checks can fail)', async () => {
    await page.evaluate(() => {
      const b = document.createElement('button');
      b.id = 'axe-probe';
      document.body.append(b); // a button with no name: critical for axe
    });
    const found = serious(await audit(page));
    await page.evaluate(() => {
      const probe = document.getElementById('axe-probe')!;
      probe.textContent = 'x';
      probe.setAttribute('style', 'font-size: 16px; min-width: 0; width: 40px');
    });
    const sizes = await sizeProblems(page);
    await page.evaluate(() => document.getElementById('axe-probe')?.remove());
    expect(found.map((f) => f.id)).toContain('button-name');
    expect(sizes).toEqual(['button: text 16px "x"', 'button: target 40×64px']);
  });

  it('every screen a home tile opens', async () => {
    const tiles = await page
      .locator('.tiles .tile')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-service') ?? ''));
    expect(tiles.length).toBeGreaterThanOrEqual(10);
    for (const id of tiles) {
      await home();
      await openTileScreen(id);
      await page.waitForTimeout(300); // live queries settle
      await check(`tile:${id}`);
      // Issue 4 item 9 asks every villager screen for a read-aloud button; listed, not failed, so a
      // service still being built is reported rather than blocking this check.
      if ((await page.getByRole('button', { name: '朗读' }).count()) === 0) withoutSpeaker.push(id);
      // Many services start by asking for the villager's phone on the keypad: go one step further.
      const go = page.getByRole('button', { name: /^(下一步|查询)$/ });
      const one = page.getByRole('button', { name: '1', exact: true });
      if (id !== 'trace' && (await go.count()) === 1 && (await one.count()) === 1) {
        for (const k of '13800138000') await page.getByRole('button', { name: k, exact: true }).click();
        await go.click();
        await page.waitForTimeout(500);
        await check(`tile:${id}:after-phone`);
      }
    }
  }, 120_000);

  it('the forms of 代销, 缴费充值, 订票 and 代换代退', async () => {
    const phone = async () => {
      for (const k of '13800138000') await page.getByRole('button', { name: k, exact: true }).click();
      await page.getByRole('button', { name: '下一步' }).click();
    };
    await home();
    await openTileScreen('sell');
    await phone();
    await page.getByRole('button', { name: '登记新农产品' }).click();
    await page.getByRole('radio', { name: '柑橘' }).click();
    await check('sell:form');
    await page.getByRole('button', { name: /数量/ }).click();
    await check('sell:keypad');

    await home();
    await openTileScreen('bills');
    await phone();
    await page.getByRole('button', { name: '新缴费' }).click();
    await page.getByRole('radio', { name: '电费' }).click();
    await check('bills:form');

    await home();
    await openTileScreen('tickets');
    await phone();
    await page.getByRole('button', { name: '新订票' }).click();
    await page.getByRole('radio', { name: /^明天/ }).click();
    await check('tickets:form');

    await home();
    await openTileScreen('returns');
    await phone();
    await page.getByRole('button', { name: '申请退换货' }).click();
    await page.waitForTimeout(300);
    await check('returns:pick');
  }, 60_000);

  it('inner views of notices, trace and my orders', async () => {
    await home();
    await page.locator('.tile[data-service="notices"]').click();
    // The notices arrive with the first pull from the county.
    await page.locator('.notice-row').first().waitFor({ timeout: 30_000 });
    await check('notices:list');
    await page.locator('.notice-row').first().click();
    await page.getByRole('article').waitFor();
    await check('notices:detail');

    await home();
    await page.locator('.tile[data-service="trace"]').click();
    for (const k of '123') await page.getByRole('button', { name: k, exact: true }).click();
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.getByRole('heading', { name: '未找到' }).waitFor();
    await check('trace:not-found');
    await page.getByRole('radio', { name: '字母' }).click();
    await check('trace:letters');
    // A code the demonstration county publishes (assets/seed/trace.ts), typed on the number keys.
    await page.getByRole('radio', { name: '数字' }).click();
    await page.getByRole('button', { name: '清空', exact: true }).click();
    for (const k of '4290052602200002') await page.getByRole('button', { name: k, exact: true }).click();
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.getByRole('region', { name: /虾稻米/ }).waitFor();
    await check('trace:found');

    await home();
    await page.locator('.tile[data-service="orders"]').click();
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.getByRole('alert').waitFor();
    await check('orders:phone-problem');
    for (const k of '13800138000') await page.getByRole('button', { name: k, exact: true }).click();
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.getByText('这个手机号在本服务点还没有记录').waitFor();
    await check('orders:empty');
  }, 90_000);

  it('the shop from category to checkout', async () => {
    await home();
    await page.locator('.tile[data-service="shop"]').click();
    await page.getByRole('button', { name: '化肥', exact: true }).click({ timeout: 30_000 });
    await page.locator('.product-row').first().waitFor();
    await check('shop:category');
    await page.locator('.product-row').first().click();
    await page.getByRole('button', { name: '加入购物车' }).waitFor();
    await check('shop:product');
    await page.getByRole('button', { name: '加入购物车' }).click();
    await page.getByRole('heading', { name: '购物车' }).waitFor();
    await check('shop:cart');
    await page.getByRole('button', { name: '去结算' }).click();
    await page.getByRole('button', { name: '确认下单' }).waitFor();
    await check('shop:checkout');

    await home();
    await page.locator('.tile[data-service="shop"]').click();
    await page.getByRole('button', { name: /拼音搜索/ }).click();
    for (const k of 'hf') await page.getByRole('button', { name: k, exact: true }).click();
    await page.locator('.product-row').first().waitFor();
    await check('shop:search');
  }, 60_000);

  it('what the operator entry opens', async () => {
    await home();
    await page.locator('[data-service="operator"]').click();
    await page.locator('main:not(.home), [role="dialog"], section').first().waitFor();
    await page.waitForTimeout(300);
    await check('operator');
  });
});
