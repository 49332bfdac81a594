/**
 * The notices a new terminal shows before the county has published any of its own. Written for readers who
 * are mostly older villagers: short sentences, plain words, what to do and whom to ask, no slogans.
 */
import type { SeedNotice } from './schemas';

export type { SeedNotice } from './schemas';

export const seedNotices: SeedNotice[] = [
  {
    id: 'notice-2026-001',
    title: '春耕买农资，谨防假种子假化肥',
    body:
      '近期有人开车进村，低价推销没有标签的种子、化肥和农药。请大家不要购买来路不明的农资。' +
      '买农资请到正规门店或本服务点代购，记得索要发票或小票，并保留包装袋和标签。' +
      '如发现假冒农资，请拨打12316或告诉服务点管理员，我们帮您联系县农业农村局。',
    category: 'safety',
    pinned: true,
    urgent: true,
    publishedAt: '2026-02-24T08:30:00+08:00',
  },
  {
    id: 'notice-2026-002',
    title: '春耕化肥优惠代购开始了',
    body:
      '从3月1日到4月15日，本服务点代购复合肥、尿素和磷酸二铵，每袋比去年同期便宜5到10元。' +
      '在屏幕上选好品种和数量，付款后打印取货单。货到后我们会打电话通知，满10袋可以送到村里。' +
      '不清楚该买哪种肥料的，可以带上往年的施肥记录来问管理员。',
    category: 'agri',
    pinned: true,
    urgent: false,
    publishedAt: '2026-02-26T09:00:00+08:00',
  },
  {
    id: 'notice-2026-003',
    title: '快递到了怎么取件',
    body:
      '您的快递到服务点后，手机会收到一条短信，里面有6位取件码。' +
      '来服务点在屏幕上点“取快递”，输入取件码，对应的柜门就会打开。' +
      '没有手机或收不到短信的，请带上身份证找管理员帮您取。快递在柜子里免费存放3天，请尽早来取。',
    category: 'service',
    pinned: false,
    urgent: false,
    publishedAt: '2026-01-12T10:00:00+08:00',
  },
  {
    id: 'notice-2026-004',
    title: '城乡居民医保缴费提醒',
    body:
      '2027年度城乡居民医疗保险开始缴费了，请在12月31日前缴清，以免影响明年看病报销。' +
      '可以在本服务点屏幕上点“缴费充值”，再点“医保缴费”，输入身份证号码就能缴。' +
      '给家里老人孩子代缴的，请带上他们的身份证号码。有疑问可以问村委会或管理员。',
    category: 'policy',
    pinned: false,
    urgent: false,
    publishedAt: '2026-09-01T09:00:00+08:00',
  },
  {
    id: 'notice-2026-005',
    title: '免费电商培训报名通知',
    body:
      '县电子商务服务中心将在4月举办免费培训，教大家用手机拍好农产品照片、在网上开店卖货、' +
      '给买家发快递。培训两天，中午管饭，不收任何费用。想参加的请在服务点登记姓名和电话，每村限报10人。',
    category: 'service',
    pinned: false,
    urgent: false,
    publishedAt: '2026-03-10T14:00:00+08:00',
  },
  {
    id: 'notice-2026-006',
    title: '汛期到了，请注意防汛安全',
    body:
      '进入主汛期，近几天有强降雨。请不要到河边、塘边和水库边游泳、钓鱼，看好家里的孩子。' +
      '住在低洼处和山脚下的人家，夜里下大雨时要留心，听到村里广播或锣声要马上转移到安全地方。' +
      '发现险情请拨打村干部电话或110。',
    category: 'safety',
    pinned: false,
    urgent: true,
    publishedAt: '2026-06-18T07:00:00+08:00',
  },
  {
    id: 'notice-2026-007',
    title: '本地农产品可以在服务点代销',
    body:
      '家里的小龙虾、土鸡蛋、桃子、柑橘、茶叶等农产品，可以交给服务点代销到外地。' +
      '管理员会帮您称重、拍照、上架，卖出后货款直接转到您的银行卡或手机上。' +
      '鲜活产品请提前一天预约，方便安排冷链车。',
    category: 'agri',
    pinned: false,
    urgent: false,
    publishedAt: '2026-05-06T09:30:00+08:00',
  },
];
