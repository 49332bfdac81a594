/**
 * What each list of the console shows, how it filters, and what its detail page can do. The API
 * paths are the county admin API's (admin-routes.ts, requests-routes.ts, stats-routes.ts).
 */
import { ActionForm, type Field } from './forms';
import { money, str, time, type ListSpec, type Row } from './ListPage';
import { Upload } from './Upload';

const STATUS: Record<string, string> = {
  received: '已收到',
  confirmed: '已确认',
  shipped: '已发货',
  arrived: '已到站',
  completed: '已完成',
  cancelled: '已取消',
  rejected: '已拒绝',
  listed: '已登记',
  offered: '已报价',
  sold: '已售出',
  closed: '已关闭',
  pending: '待处理',
  failed: '失败',
  requested: '待处理',
  refused: '已拒绝',
  accepted: '已受理',
  stored: '待取件',
  collected: '已取件',
  returned: '已退回',
  accepted_: '已收寄',
};
const status = (r: Row) => STATUS[String(r.status)] ?? str(r.status);
const options = (values: readonly string[]) => values.map((v) => [v, STATUS[v] ?? v] as const);

const village = { name: 'villageId', label: '村', kind: 'village' } as const;
const from = { name: 'from', label: '起（含）', kind: 'date' } as const;
const to = { name: 'to', label: '止（不含）', kind: 'date' } as const;
const phone = { name: 'phone', label: '手机尾号', kind: 'text' } as const;
const note: Field = { name: 'note', label: '备注' };
const requiredNote: Field = { name: 'note', label: '原因', required: true };

function answer(path: string, title: string, action: string, fields: Field[] = [], confirm?: string) {
  return (row: Row, ctx: { base: string; reload: () => void }) => (
    <ActionForm
      key={action}
      title={title}
      path={`${ctx.base}/${path}/${encodeURIComponent(String(row.id))}/answer`}
      fixed={{ action }}
      fields={fields}
      done={ctx.reload}
      {...(confirm !== undefined ? { confirm } : {})}
    />
  );
}

const requestColumns = (extra: ListSpec['columns']) => [
  { key: 'id', label: '编号' },
  { key: 'villageName', label: '村' },
  { key: 'phone', label: '手机号' },
  ...extra,
  { key: 'status', label: '状态', render: status },
  { key: 'receivedAt', label: '收到时间', render: (r: Row) => time(r.receivedAt) },
];

export const SPECS: ListSpec[] = [
  {
    slug: 'orders',
    title: '代购订单',
    api: '/orders',
    idKey: 'id',
    paged: true,
    filters: [
      {
        name: 'status',
        label: '状态',
        kind: 'select',
        options: options([
          'received',
          'confirmed',
          'shipped',
          'arrived',
          'completed',
          'cancelled',
          'rejected',
        ]),
      },
      village,
      from,
      to,
    ],
    columns: [
      { key: 'id', label: '订单号' },
      { key: 'villageName', label: '村' },
      { key: 'phone', label: '手机号' },
      { key: 'totalFen', label: '金额', render: (r) => money(r.totalFen) },
      { key: 'settledTotalFen', label: '结算金额', render: (r) => money(r.settledTotalFen) },
      { key: 'payment', label: '支付', render: (r) => (r.payment === 'cash' ? '现金' : '扫码') },
      { key: 'status', label: '状态', render: status },
      { key: 'receivedAt', label: '收到时间', render: (r) => time(r.receivedAt) },
    ],
    actions: (row, ctx) => (
      <ActionForm
        title="更新订单状态"
        path={`${ctx.base}/orders/${encodeURIComponent(String(row.id))}/status`}
        fields={[
          {
            name: 'status',
            label: '新状态',
            kind: 'select',
            required: true,
            options: options(['confirmed', 'shipped', 'arrived', 'completed', 'cancelled', 'rejected']),
          },
          note,
          { name: 'settledTotalFen', label: '结算金额（元，价格变动时）', kind: 'yuan' },
        ]}
        done={ctx.reload}
      />
    ),
  },
  {
    slug: 'produce',
    title: '农产品代销',
    api: '/produce-listings',
    idKey: 'id',
    paged: true,
    filters: [
      {
        name: 'status',
        label: '状态',
        kind: 'select',
        options: options(['listed', 'confirmed', 'offered', 'sold', 'closed']),
      },
      village,
      phone,
      from,
      to,
    ],
    columns: requestColumns([
      { key: 'kind', label: '品种' },
      { key: 'quantity', label: '数量', render: (r) => `${String(r.quantity)} ${String(r.unit)}` },
      { key: 'askingPriceFen', label: '期望单价', render: (r) => money(r.askingPriceFen) },
      { key: 'offerFen', label: '收购单价', render: (r) => money(r.offerFen) },
    ]),
    actions: (row, ctx) => [
      answer('produce-listings', '报价', 'offer', [
        { name: 'offerFen', label: '收购单价（元）', kind: 'yuan', required: true },
        { name: 'buyer', label: '收购方', required: true },
        note,
      ])(row, ctx),
      answer('produce-listings', '标记已售出', 'sold', [note])(row, ctx),
      answer('produce-listings', '关闭', 'close', [note], '确定关闭这条代销登记？')(row, ctx),
    ],
  },
  {
    slug: 'bills',
    title: '缴费充值',
    api: '/bill-intents',
    idKey: 'id',
    paged: true,
    filters: [
      { name: 'status', label: '状态', kind: 'select', options: options(['pending', 'completed', 'failed']) },
      village,
      phone,
      from,
      to,
    ],
    columns: requestColumns([
      {
        key: 'billKind',
        label: '类型',
        render: (r) => ({ electricity: '电费', water: '水费', phone: '话费' })[String(r.billKind)] ?? '—',
      },
      { key: 'account', label: '户号' },
      { key: 'amountFen', label: '金额', render: (r) => money(r.amountFen) },
      { key: 'refundFen', label: '退款', render: (r) => money(r.refundFen) },
    ]),
    actions: (row, ctx) => [
      answer('bill-intents', '缴费成功', 'complete', [note])(row, ctx),
      answer('bill-intents', '缴费失败并退款', 'fail', [
        requiredNote,
        { name: 'refundFen', label: '退款金额（元，默认全额）', kind: 'yuan' },
      ])(row, ctx),
    ],
  },
  {
    slug: 'tickets',
    title: '订票',
    api: '/ticket-requests',
    idKey: 'id',
    paged: true,
    filters: [
      {
        name: 'status',
        label: '状态',
        kind: 'select',
        options: options(['requested', 'confirmed', 'refused']),
      },
      village,
      phone,
      from,
      to,
    ],
    columns: requestColumns([
      { key: 'route', label: '线路' },
      { key: 'travelDate', label: '日期' },
      { key: 'passengers', label: '人数' },
      { key: 'priceFen', label: '票价', render: (r) => money(r.priceFen) },
    ]),
    actions: (row, ctx) => [
      answer('ticket-requests', '出票', 'confirm', [
        { name: 'seat', label: '座位', required: true },
        { name: 'departsAt', label: '发车时间', kind: 'datetime', required: true },
        { name: 'priceFen', label: '票价合计（元）', kind: 'yuan', required: true },
        note,
      ])(row, ctx),
      answer('ticket-requests', '无法出票', 'refuse', [requiredNote])(row, ctx),
    ],
  },
  {
    slug: 'returns',
    title: '退换货',
    api: '/return-requests',
    idKey: 'id',
    paged: true,
    filters: [
      {
        name: 'status',
        label: '状态',
        kind: 'select',
        options: options(['requested', 'accepted', 'refused', 'completed']),
      },
      village,
      phone,
      from,
      to,
    ],
    columns: requestColumns([
      { key: 'orderId', label: '订单号' },
      { key: 'itemId', label: '商品' },
      { key: 'qty', label: '数量' },
      { key: 'returnKind', label: '类型', render: (r) => (r.returnKind === 'exchange' ? '换货' : '退货') },
      { key: 'reason', label: '原因' },
    ]),
    actions: (row, ctx) => [
      answer('return-requests', '受理', 'accept', [note])(row, ctx),
      answer('return-requests', '已办结', 'complete', [note])(row, ctx),
      answer('return-requests', '拒绝', 'refuse', [requiredNote])(row, ctx),
    ],
  },
  {
    slug: 'catalogue',
    header: (ctx) => (
      <details>
        <summary>导入商品表（新品与调价）</summary>
        <Upload
          title="导入商品"
          path={`${ctx.base}/items/import`}
          withVillage={false}
          hint="CSV 或 XLSX"
          done={ctx.reload}
        />
      </details>
    ),
    title: '商品与价格',
    api: '/items',
    idKey: 'id',
    paged: true,
    filters: [
      { name: 'q', label: '搜索', kind: 'text' },
      {
        name: 'active',
        label: '上架',
        kind: 'select',
        options: [
          ['true', '在售'],
          ['false', '已下架'],
        ],
      },
    ],
    columns: [
      { key: 'id', label: '编号' },
      { key: 'name', label: '名称' },
      { key: 'spec', label: '规格' },
      { key: 'unit', label: '单位' },
      { key: 'priceFen', label: '价格', render: (r) => money(r.priceFen) },
      { key: 'active', label: '状态', render: (r) => (r.active ? '在售' : '已下架') },
    ],
    actions: (row, ctx) => {
      const path = `${ctx.base}/items/${encodeURIComponent(String(row.id))}`;
      return [
        <ActionForm
          key="price"
          title="调价"
          method="PATCH"
          path={path}
          fields={[{ name: 'priceFen', label: '新价格（元）', kind: 'yuan', required: true }]}
          done={ctx.reload}
        />,
        <ActionForm
          key="active"
          title={row.active ? '下架' : '重新上架'}
          method="PATCH"
          path={path}
          fixed={{ active: !row.active }}
          done={ctx.reload}
        />,
      ];
    },
  },
  {
    slug: 'notices',
    title: '公告',
    api: '/notices',
    idKey: 'id',
    detailFromList: true,
    filters: [
      {
        name: 'category',
        label: '类别',
        kind: 'select',
        options: [
          ['policy', '政策'],
          ['agri', '农技'],
          ['service', '服务'],
          ['safety', '安全'],
        ],
      },
      {
        name: 'flag',
        label: '标记',
        kind: 'select',
        options: [
          ['pinned', '置顶'],
          ['urgent', '紧急'],
        ],
      },
    ],
    clientFilter: (row, v) =>
      (!v.category || row.category === v.category) && (!v.flag || row[v.flag] === true),
    columns: [
      { key: 'title', label: '标题' },
      {
        key: 'category',
        label: '类别',
        render: (r) =>
          ({ policy: '政策', agri: '农技', service: '服务', safety: '安全' })[String(r.category)] ?? '',
      },
      { key: 'pinned', label: '置顶', render: (r) => (r.pinned ? '是' : '') },
      { key: 'urgent', label: '紧急', render: (r) => (r.urgent ? '是' : '') },
      {
        key: 'villageIds',
        label: '发布范围',
        render: (r) =>
          Array.isArray(r.villageIds) && r.villageIds.length > 0 ? `${r.villageIds.length} 个村` : '全县',
      },
      { key: 'publishedAt', label: '发布时间', render: (r) => time(r.publishedAt) },
    ],
    header: (ctx) => (
      <details>
        <summary>发布新公告</summary>
        <ActionForm
          title="发布公告"
          path={`${ctx.base}/notices`}
          fields={[
            { name: 'title', label: '标题', required: true },
            { name: 'body', label: '正文', kind: 'textarea', required: true },
            {
              name: 'category',
              label: '类别',
              kind: 'select',
              required: true,
              options: [
                ['policy', '政策'],
                ['agri', '农技'],
                ['service', '服务'],
                ['safety', '安全'],
              ],
            },
            { name: 'pinned', label: '置顶', kind: 'checkbox' },
            { name: 'urgent', label: '紧急', kind: 'checkbox' },
            { name: 'villageIds', label: '只发给这些村（不选 = 全县）', kind: 'villages' },
          ]}
          done={ctx.reload}
        />
      </details>
    ),
    actions: (row, ctx) => (
      <ActionForm
        title="删除公告"
        method="DELETE"
        path={`${ctx.base}/notices/${encodeURIComponent(String(row.id))}`}
        confirm="确定删除？各村终端也会删除这条公告。"
        done={() => (window.location.hash = '#/notices')}
      />
    ),
  },
  {
    slug: 'manifests',
    header: (ctx) => (
      <details>
        <summary>上传快递公司清单</summary>
        <Upload
          title="上传清单"
          path={`${ctx.base}/parcel-manifests`}
          withVillage
          hint="CSV，列：waybill,carrier,phone,recipientName,expectedAt"
          done={ctx.reload}
        />
      </details>
    ),
    title: '包裹清单',
    api: '/parcel-manifests',
    idKey: 'waybill',
    detailFromList: true,
    paged: true,
    filters: [
      village,
      {
        name: 'status',
        label: '到站',
        kind: 'select',
        options: [
          ['arrived', '已入库'],
          ['waiting', '未到'],
        ],
      },
    ],
    columns: [
      { key: 'waybill', label: '运单号' },
      { key: 'villageName', label: '村' },
      { key: 'carrier', label: '快递公司' },
      { key: 'recipientName', label: '收件人' },
      { key: 'phone', label: '手机号' },
      { key: 'parcelId', label: '入库', render: (r) => (r.parcelId ? '已入库' : '未到') },
      { key: 'uploadedAt', label: '上传时间', render: (r) => time(r.uploadedAt) },
    ],
  },
  {
    slug: 'parcels',
    title: '进港包裹',
    api: '/parcels',
    idKey: 'id',
    detailFromList: true,
    paged: true,
    filters: [
      village,
      {
        name: 'status',
        label: '状态',
        kind: 'select',
        options: options(['stored', 'collected', 'returned']),
      },
    ],
    columns: [
      { key: 'id', label: '编号' },
      { key: 'villageName', label: '村' },
      { key: 'waybill', label: '运单号' },
      { key: 'carrier', label: '快递公司' },
      { key: 'status', label: '状态', render: status },
      { key: 'receivedAt', label: '收到时间', render: (r) => time(r.receivedAt) },
    ],
  },
  {
    slug: 'shipments',
    title: '寄件',
    api: '/shipments',
    idKey: 'id',
    paged: true,
    filters: [village],
    columns: [
      { key: 'id', label: '编号' },
      { key: 'villageName', label: '村' },
      { key: 'carrier', label: '快递公司' },
      { key: 'feeFen', label: '运费', render: (r) => money(r.feeFen) },
      { key: 'status', label: '状态' },
      { key: 'receivedAt', label: '收到时间', render: (r) => time(r.receivedAt) },
    ],
  },
  {
    slug: 'terminals',
    title: '终端设备',
    api: '/terminals',
    idKey: 'id',
    detailFromList: true,
    filters: [village],
    columns: [
      { key: 'name', label: '名称' },
      { key: 'townshipName', label: '乡镇' },
      { key: 'villageName', label: '村' },
      { key: 'lastSeenAt', label: '最近联系', render: (r) => time(r.lastSeenAt) },
      { key: 'appVersion', label: '版本' },
      {
        key: 'pendingBacklog',
        label: '待同步记录',
        render: (r) => (r.pendingBacklog == null ? '未上报' : str(r.pendingBacklog)),
      },
      {
        key: 'revokedAt',
        label: '状态',
        render: (r) => (r.revokedAt ? `已停用 ${time(r.revokedAt)}` : '在用'),
      },
    ],
    header: (ctx) => (
      <details>
        <summary>签发终端注册码</summary>
        <ActionForm
          title="签发注册码"
          path={`${ctx.base}/enrollment-codes`}
          fields={[
            { ...village, required: true },
            { name: 'note', label: '备注' },
          ]}
          done={ctx.reload}
          render={(v) => {
            const issued = v as { code: string; expiresAt: string };
            return (
              <>
                注册码 <strong className="code">{issued.code}</strong>（只显示这一次），有效期至{' '}
                {time(issued.expiresAt)}
              </>
            );
          }}
        />
      </details>
    ),
    actions: (row, ctx) =>
      row.revokedAt ? null : (
        <ActionForm
          title="停用终端"
          path={`/api/v1/admin/devices/${encodeURIComponent(String(row.id))}/revoke`}
          confirm="停用后该终端不能再同步，确定？"
          done={ctx.reload}
        />
      ),
  },
  {
    slug: 'enrollment',
    title: '注册码',
    api: '/enrollment-codes',
    idKey: 'id',
    detailFromList: true,
    filters: [village],
    clientFilter: (row, v) => !v.villageId || row.villageId === v.villageId,
    columns: [
      { key: 'id', label: '编号' },
      { key: 'villageId', label: '村' },
      { key: 'note', label: '备注' },
      { key: 'createdAt', label: '签发时间', render: (r) => time(r.createdAt) },
      { key: 'expiresAt', label: '有效期至', render: (r) => time(r.expiresAt) },
      { key: 'usedAt', label: '使用', render: (r) => (r.usedAt ? `已用 ${time(r.usedAt)}` : '未用') },
    ],
  },
  {
    slug: 'jobs',
    title: '新增就业',
    api: '/job-records',
    idKey: 'id',
    detailFromList: true,
    filters: [{ name: 'month', label: '月份', kind: 'month' }, village],
    columns: [
      { key: 'month', label: '月份' },
      { key: 'villageName', label: '村' },
      { key: 'jobs', label: '人数' },
      { key: 'note', label: '岗位' },
      { key: 'createdAt', label: '录入时间', render: (r) => time(r.createdAt) },
    ],
    header: (ctx) => (
      <ActionForm
        title="录入新增就业"
        path={`${ctx.base}/job-records`}
        fields={[
          { ...village, required: true },
          { name: 'month', label: '月份', kind: 'month', required: true },
          { name: 'jobs', label: '人数', kind: 'number', required: true },
          { name: 'note', label: '岗位（如 快递收发员）' },
        ]}
        done={ctx.reload}
      />
    ),
    actions: (row, ctx) => (
      <ActionForm
        title="删除记录"
        method="DELETE"
        path={`${ctx.base}/job-records/${encodeURIComponent(String(row.id))}`}
        confirm="确定删除这条就业记录？"
        done={() => (window.location.hash = '#/jobs')}
      />
    ),
  },
];
