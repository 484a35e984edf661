"""``junheng serve`` (the web application) and ``junheng user add|disable|enable|reset-password``."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from junheng.cli.app import app, command, console, err_console, group
from junheng.errors import ConfigError

user_app = group("网页账号管理：新增、停用、启用用户，重置密码。")
app.add_typer(user_app, name="user")

SECRET_FILE = ".junheng-secret"


def _database_url(db: str | None) -> str:
    from junheng.settings import get_settings

    return db or get_settings().database_url


def session_secret(data_dir: Path) -> str:
    """JUNHENG_SECRET_KEY, or a random secret created once and kept in ``data_dir``."""
    from junheng.settings import get_settings
    from junheng.web.security import persistent_secret

    configured = get_settings().secret_key
    if configured:
        if len(configured) < 16:
            raise ConfigError("JUNHENG_SECRET_KEY 太短：至少需要 16 个字符，建议 32 个以上的随机字符。")
        return configured
    return persistent_secret(data_dir / SECRET_FILE)


@command("serve")
def serve(
    db: str = typer.Option(None, "--db", help="数据库地址（默认读取环境变量 JUNHENG_DATABASE_URL）。"),
    host: str = typer.Option("127.0.0.1", "--host", help="监听地址；局域网访问可设为本机内网地址。"),
    port: int = typer.Option(8000, "--port", help="监听端口。"),
    data_dir: Path = typer.Option(None, "--data-dir",
                                  help="上传文件、规划结果和会话密钥的存放目录（默认 JUNHENG_DATA_DIR）。"),
    plans_dir: Path = typer.Option(None, "--plans-dir", help="规划台账页面列出的规划文件（.yaml）所在目录；不指定时用当前目录下的 examples/plans，没有该目录则用程序自带的示例规划。"),
    workers: int = typer.Option(1, "--layout-workers", help="布局规划计算进程数。"),
    secure_cookies: bool = typer.Option(
        None, "--secure-cookies/--no-secure-cookies",
        help="会话 Cookie 只经 HTTPS 发送（经 HTTPS 反向代理对外服务时必须开启）；默认读取 "
             "JUNHENG_SECURE_COOKIES，未设置时关闭。"),
    forwarded_allow_ips: str = typer.Option(
        None, "--forwarded-allow-ips",
        help="信任其 X-Forwarded-For 请求头的反向代理地址（逗号分隔，如 127.0.0.1）；默认读取 "
             "JUNHENG_FORWARDED_ALLOW_IPS，未设置时不信任任何转发头，登录限流按连接地址计算。"),
) -> None:
    """启动网页系统（离线运行，不访问外部网络）。"""
    import uvicorn

    from junheng.settings import get_settings
    from junheng.web import create_app

    settings = get_settings()
    folder = data_dir or settings.data_dir / "web-data"
    folder.mkdir(parents=True, exist_ok=True)
    secure = settings.secure_cookies if secure_cookies is None else secure_cookies
    proxies = settings.forwarded_allow_ips if forwarded_allow_ips is None else forwarded_allow_ips
    web_app = create_app(_database_url(db), secret_key=session_secret(folder), data_dir=folder,
                         plans_dir=plans_dir, layout_workers=workers, https_only=secure,
                         forwarded_allow_ips=proxies or None)
    console.print(f"均衡网页系统已启动：http://{host}:{port}/ （按 Ctrl+C 停止）")
    # Forwarded headers are handled by the app only when configured (create_app).
    uvicorn.run(web_app, host=host, port=port, log_level="warning", proxy_headers=False)


def _read_password(prompt: bool) -> str:
    if not prompt:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    first = typer.prompt("密码", hide_input=True)
    second = typer.prompt("再次输入密码", hide_input=True)
    if first != second:
        raise ConfigError("两次输入的密码不一致，未创建用户。")
    return first


BY_OPTION = typer.Option(None, "--by", metavar="姓名", help="记入审计日志的操作人姓名，如 --by 张三；不指定时取"
                         "环境变量 JUNHENG_OPERATOR，仍未设置时记为“命令行操作”（不记录服务器的系统账户名）。")


@command("add", parent=user_app)
def user_add(
    name: str = typer.Argument(..., metavar="用户名", help="用户名（登录名）。"),
    role: str = typer.Option(..., "--role", help="角色：管理员（也可写 admin）、督学（只读，inspector）或 学校填报员（school）。"),
    county: str = typer.Option(None, "--county", help="所管县区代码（6 位）。"),
    city: str = typer.Option(None, "--city", help="地市管理员所管地市名称（管理该市在库中的全部县区）；填“全省”为省级账号（库中全部县区）。"),
    school: str = typer.Option(None, "--school", help="学校填报员所属学校的学校标识码。"),
    db: str = typer.Option(None, "--db", help="数据库地址（默认读取环境变量 JUNHENG_DATABASE_URL）。"),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="从标准输入读取密码（一行），不提示；不在终端运行时自动采用。"),
    by: str | None = BY_OPTION,
) -> None:
    """新增网页用户；密码在提示时输入，或从标准输入读取。"""
    from junheng.jobs.accounts import add_web_user
    from junheng.store import open_store

    password = _read_password(prompt=not password_stdin and sys.stdin.isatty())
    store = open_store(_database_url(db))
    try:
        user = add_web_user(store, username=name, password=password, role=role,
                            county_code=county, city_name=city, school_id=school,
                            by=_operator(by))
    finally:
        store.close()
    from junheng.model.labels import ROLE_LABELS

    scope = user["school_id"] or user["county_code"] or user["city_name"]
    console.print(f"已新增用户 {user['username']}（{ROLE_LABELS.get(role, role)}，范围 {scope}）。")
    if role == "school" and school:
        err_console.print("提示：学校填报员只能查看和填报本校数据。")


def _change_user(db: str | None, name: str, by: str | None, **change) -> None:
    """Apply ``change`` (active=…, password_hash=…) to user ``name``, audited, and commit."""
    from junheng.store import open_store
    from junheng.store.accounts import change_user

    store = open_store(_database_url(db))
    try:
        with store.session() as session:
            change_user(session, username=name, by=_operator(by), **change)
            session.commit()
    finally:
        store.close()


DB_OPTION = typer.Option(None, "--db", help="数据库地址（默认读取环境变量 JUNHENG_DATABASE_URL）。")


@command("disable", parent=user_app)
def user_disable(name: str = typer.Argument(..., metavar="用户名", help="要停用的用户名。"),
                 db: str = DB_OPTION, by: str | None = BY_OPTION) -> None:
    """停用网页用户：不能再登录，已登录的会话立即失效（记入审计日志）。"""
    _change_user(db, name, by, active=False)
    console.print(f"已停用用户 {name.strip()}，其已登录的会话均已失效。")


@command("enable", parent=user_app)
def user_enable(name: str = typer.Argument(..., metavar="用户名", help="要重新启用的用户名。"),
                db: str = DB_OPTION, by: str | None = BY_OPTION) -> None:
    """重新启用已停用的网页用户（记入审计日志）。"""
    _change_user(db, name, by, active=True)
    console.print(f"已重新启用用户 {name.strip()}。")


@command("reset-password", parent=user_app)
def user_reset_password(
    name: str = typer.Argument(..., metavar="用户名", help="要重置密码的用户名。"),
    db: str = DB_OPTION,
    prompt: bool = typer.Option(False, "--prompt", help="在终端输入新密码（输入两次），不自动生成。"),
    password_stdin: bool = typer.Option(False, "--password-stdin",
                                        help="从标准输入读取新密码（一行），不自动生成。"),
    by: str | None = BY_OPTION,
) -> None:
    """重置网页用户的密码：默认生成并显示一个随机密码；该用户已登录的会话立即失效。"""
    from junheng.store.passwords import generate_password
    from junheng.web.security import hash_password

    generated = not (prompt or password_stdin)
    password = generate_password() if generated else _read_password(prompt=prompt)
    try:
        password_hash = hash_password(password, username=name.strip())
    except ValueError as exc:
        raise ConfigError(f"{exc}未修改密码。") from None
    _change_user(db, name, by, password_hash=password_hash)
    console.print(f"已重置用户 {name.strip()} 的密码，其已登录的会话均已失效。")
    if generated:
        console.print(f"新密码：{password}", highlight=False)
        err_console.print("请把新密码当面或经安全渠道交给该用户，并提醒其妥善保管。")


def _operator(by: str | None = None) -> str:
    from junheng.cli.store import operator

    return operator(by)
