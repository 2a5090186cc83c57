import Link from "next/link";

/** The public header: large tap targets, readable on a phone. */
export function SiteHeader() {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href="/" className="text-xl font-bold text-brand-800 no-underline hover:no-underline">
          三重保障服务平台
        </Link>
        <nav aria-label="主导航" className="flex flex-wrap gap-4 text-base">
          <Link href="/">首页</Link>
          <Link href="/policies">政策解读</Link>
          <Link href="/estimate">费用估算</Link>
          <Link href="/apply">申请救助</Link>
          <Link href="/apply/status">进度查询</Link>
          <Link href="/login">工作人员登录</Link>
        </nav>
      </div>
    </header>
  );
}
