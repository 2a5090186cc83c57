import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-bold" data-testid="forbidden">无权访问</h1>
      <p className="mt-3 text-slate-600">您的账号没有访问此页面的权限。如需开通，请联系县医保局负责人。</p>
      <p className="mt-6">
        <Link href="/start">返回我的工作台</Link>
      </p>
    </main>
  );
}
