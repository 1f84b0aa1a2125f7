import { Page } from '../components/index.ts';

/** 页面不存在: a hash no route knows. */
export function NotFoundPage() {
  return (
    <Page name="not-found" ready>
      <div class="notice">
        <h1>页面不存在</h1>
        <p>您访问的页面不存在，可能是链接有误或已被移除。</p>
        <p>
          <a href="#/">返回首页</a>
        </p>
      </div>
    </Page>
  );
}

/** A page the signed-in role may not open. */
export function ForbiddenPage() {
  return (
    <Page name="forbidden" ready>
      <div class="notice">
        <h1>无权访问</h1>
        <p>您的角色不能查看此页面。</p>
        <p>
          <a href="#/">返回首页</a>
        </p>
      </div>
    </Page>
  );
}
