import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-bold" data-testid="not-found">页面不存在</h1>
      <p className="mt-3 text-slate-600">您要找的页面或记录不存在，或不在您的办理范围内。</p>
      <p className="mt-6">
        <Link href="/">返回首页</Link>
      </p>
    </main>
  );
}
