import Link from "next/link";
import { Card } from "@/components/ui";

export default function HomePage() {
  return (
    <div className="space-y-8">
      <section className="rounded-xl bg-brand-800 px-6 py-8 text-white">
        <h1 className="text-3xl font-bold leading-tight">看病花多少钱，报多少、救多少，一目了然</h1>
        <p className="mt-3 max-w-3xl text-lg text-brand-50">
          基本医疗保险、大病保险、医疗救助三重制度依次报销。本平台把各地政策文件逐条讲清楚，帮困难群众在住院前算出自己要付多少钱，
          也帮医保经办人员一站式结算、办理依申请救助。
        </p>
        <div className="mt-5 flex flex-wrap gap-3">
          <Link href="/estimate" className="rounded-md bg-white px-5 py-3 text-lg font-semibold text-brand-800 no-underline hover:bg-brand-50 hover:no-underline">
            估算看病自付费用
          </Link>
          <Link href="/policies" className="rounded-md border border-white/60 px-5 py-3 text-lg text-white no-underline hover:bg-white/10 hover:no-underline">
            查看政策解读
          </Link>
        </div>
      </section>

      <div className="grid gap-5 md:grid-cols-3">
        <Card title="群众">
          <ul className="list-disc space-y-1 pl-5">
            <li>了解特困、低保、返贫致贫等人员能享受哪些待遇</li>
            <li>住院前估算个人自付费用，每一元怎么算都有依据</li>
            <li>申请依申请医疗救助，凭申请编号查询办理进度</li>
          </ul>
        </Card>
        <Card title="县医保局">
          <ul className="list-disc space-y-1 pl-5">
            <li>汇总比对各部门每月报送的困难群众名单（就高不重复）</li>
            <li>一站式结算：基本医保、大病保险、医疗救助一单结清</li>
            <li>依申请救助受理、审核、审批，高额费用预警</li>
          </ul>
        </Card>
        <Card title="部门与督导">
          <ul className="list-disc space-y-1 pl-5">
            <li>民政、乡村振兴、退役军人事务、残联每月报送名单</li>
            <li>督导人员查看台账、调度报表和各区县对比</li>
          </ul>
        </Card>
      </div>

      <Card title="三重制度怎样接力报销">
        <ol className="list-decimal space-y-2 pl-5">
          <li>
            <strong>基本医疗保险</strong>：政策范围内费用扣除起付线后按比例报销，有年度封顶线。
          </li>
          <li>
            <strong>大病保险</strong>：一年内累计的个人负担超过大病起付线后再按比例支付；特困、低保、返贫致贫人员起付线减半、比例提高。
          </li>
          <li>
            <strong>医疗救助</strong>：对经过前两道保障后仍由个人负担的政策范围内费用按比例救助，必要时再给予倾斜救助。
          </li>
        </ol>
        <p className="mt-3 text-slate-600">目录外（全自费）费用三重制度都不报销，需要个人承担。</p>
      </Card>

      <p className="text-slate-600">
        工作人员请 <Link href="/login">登录</Link> 后使用经办功能。
      </p>
    </div>
  );
}
