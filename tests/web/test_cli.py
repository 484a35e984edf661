"""``junheng user add`` and ``junheng serve``: passwords from stdin, scope checks, help text."""

from __future__ import annotations

from typer.testing import CliRunner

from junheng.cli import app
from junheng.store import open_store
from junheng.store.accounts import get_user, list_audit
from junheng.web.security import verify_password

runner = CliRunner()


def test_user_add_reads_the_password_from_stdin_and_stores_an_argon2_hash(tmp_path):
    url = f"sqlite:///{tmp_path / 'j.db'}"
    result = runner.invoke(app, ["user", "add", "wang", "--role", "school", "--county", "410306",
                                 "--school", "4103060001", "--db", url, "--password-stdin"],
                           input="a-long-password\n")
    assert result.exit_code == 0, result.output
    assert "已新增用户 wang（学校填报员，范围 4103060001）" in result.output
    store = open_store(url)
    with store.session() as session:
        user = get_user(session, username="wang")
        assert user.password_hash.startswith("$argon2id$")
        assert verify_password(user.password_hash, "a-long-password")
        assert not verify_password(user.password_hash, "a-long-passworD")
        assert [e.action for e in list_audit(session)] == ["user_add"]
    store.close()


def test_user_add_refuses_a_short_password(tmp_path):
    result = runner.invoke(app, ["user", "add", "li", "--role", "admin", "--county", "410306",
                                 "--db", f"sqlite:///{tmp_path / 'j.db'}", "--password-stdin"],
                           input="short\n")
    assert result.exit_code == 1
    assert "密码至少需要 10 个字符（现为 5 个）" in result.output


def test_user_add_refuses_a_school_user_without_a_school(tmp_path):
    result = runner.invoke(app, ["user", "add", "li", "--role", "school", "--county", "410306",
                                 "--db", f"sqlite:///{tmp_path / 'j.db'}", "--password-stdin"],
                           input="a-long-password\n")
    assert result.exit_code == 1
    assert "学校填报员必须同时指定县区代码（--county）和学校标识码（--school）" in result.output


def test_user_add_refuses_an_unknown_role_and_a_taken_name(tmp_path):
    url = f"sqlite:///{tmp_path / 'j.db'}"
    args = ["user", "add", "li", "--county", "410306", "--db", url, "--password-stdin"]
    bad = runner.invoke(app, [*args, "--role", "boss"], input="a-long-password\n")
    assert bad.exit_code == 1
    assert "角色“boss”无效：可选“管理员”、“督学”（只读）或“学校填报员”。" in bad.output
    assert runner.invoke(app, [*args, "--role", "管理员"], input="a-long-password\n"
                         ).exit_code == 0
    taken = runner.invoke(app, [*args, "--role", "admin"], input="a-long-password\n")
    assert taken.exit_code == 1
    assert "用户“li”已存在" in taken.output


def test_serve_and_user_add_have_chinese_help():
    for command in (["serve", "--help"], ["user", "add", "--help"], ["user", "--help"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 0
        assert "--help" in result.output
    serve = runner.invoke(app, ["serve", "--help"]).output
    for option in ("--db", "--host", "--port"):
        assert option in serve
    assert "启动网页系统" in serve
    assert "学校填报员" in runner.invoke(app, ["user", "add", "--help"]).output


def test_serve_keeps_a_generated_secret_between_restarts(tmp_path, monkeypatch):
    from junheng.cli.web import session_secret

    monkeypatch.delenv("JUNHENG_SECRET_KEY", raising=False)
    first = session_secret(tmp_path)
    assert len(first) >= 32
    assert session_secret(tmp_path) == first
    assert oct((tmp_path / ".junheng-secret").stat().st_mode & 0o777) == "0o600"
    monkeypatch.setenv("JUNHENG_SECRET_KEY", "configured-secret-0123456789")
    assert session_secret(tmp_path) == "configured-secret-0123456789"


def test_user_commands_audit_the_named_operator_or_the_command_line_never_the_login(tmp_path):
    # rw 1: the audit log named the server's login ("root") as the one who acted
    url = f"sqlite:///{tmp_path / 'j.db'}"
    env = {"JUNHENG_OPERATOR": "", "USER": "root", "LOGNAME": "root"}
    added = runner.invoke(app, ["user", "add", "wang", "--role", "inspector", "--county", "410306",
                                "--db", url, "--password-stdin"], input="a-long-password\n", env=env)
    assert added.exit_code == 0, added.output
    off = runner.invoke(app, ["user", "disable", "wang", "--db", url, "--by", "李局长"], env=env)
    assert off.exit_code == 0, off.output
    store = open_store(url)
    with store.session() as session:
        assert sorted((e.action, e.username) for e in list_audit(session)) == [
            ("user_add", "命令行操作"), ("user_disable", "李局长")]
    store.close()
