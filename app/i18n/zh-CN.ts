/** Simplified Chinese, the default. Keys are shared with en.ts (its type is checked against this one). */
export const zhCN = {
  app: { title: '村级电子商务服务点', pointName: '{{village}}服务点', subtitle: '请点击您要办理的业务' },
  service: {
    shop: { name: '代购', hint: '日用品 化肥 种子' },
    sell: { name: '代销', hint: '卖自家农产品' },
    bills: { name: '缴费充值', hint: '电费 水费 话费' },
    tickets: { name: '订票', hint: '去县城的车票' },
    pickup: { name: '取件', hint: '输入取件码取快递' },
    send: { name: '寄件', hint: '寄快递' },
    returns: { name: '退换货', hint: '退货 换货' },
    notices: { name: '公告', hint: '村里的通知' },
    trace: { name: '溯源', hint: '查产品从哪里来' },
    orders: { name: '我的订单', hint: '查订单和快递' },
  },
  operator: { entry: '操作员' },
  comingSoon: {
    title: '即将开通',
    body: '“{{service}}”功能即将开通，请稍候。如需办理，请找服务点工作人员。',
    back: '返回首页',
  },
  nav: { home: '返回首页', back: '返回' },
  status: {
    county: '县中心',
    online: '已连接',
    offline: '离线',
    checking: '连接中',
    notEnrolled: '未注册',
    pending: '待同步 {{count}} 条',
    printer: '打印机',
    locker: '快递柜',
    shellDown: '终端服务断开',
    printerState: {
      ready: '正常',
      paper_out: '缺纸',
      paper_low: '纸将用完',
      cover_open: '盖未关',
      offline: '离线',
      unavailable: '未接入',
    },
    lockerState: {
      ready: '空闲 {{free}}/{{total}}',
      degraded: '部分故障 空闲 {{free}}/{{total}}',
      offline: '离线',
      unavailable: '未接入',
    },
    simulated: '模拟',
  },
  idle: { returning: '长时间无操作，即将返回首页' },
  language: { switchTo: 'English' },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof zhCN>;
