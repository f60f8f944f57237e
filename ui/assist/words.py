"""The staff panels' words at the kiosk, in the session's language (Cantonese reads Chinese)."""

from __future__ import annotations

from kiosk.text import Lang, text_language

WORDS: dict[str, tuple[str, str]] = {
    # the PIN pad
    "pad.title": ("工作人员登录", "Staff sign-in"),
    "pad.staff_no": ("工号", "Staff number"),
    "pad.pin": ("密码", "PIN"),
    "pad.hint": ("提示", "Hint"),
    "pad.enter_no": ("请输入工号，或刷工作证", "Type your staff number, or scan your badge"),
    "pad.enter_pin": ("请输入密码", "Type your PIN"),
    "pad.checking": ("正在核对…", "Checking…"),
    "pad.checking_badge": ("正在核对工作证…", "Checking the badge…"),
    "pad.digit": ("数字 {d}", "Digit {d}"),
    "pad.delete": ("删除", "Delete"),
    "pad.delete_about": ("删除一位", "Delete one digit"),
    "pad.ok": ("确定", "OK"),
    "pad.cancel": ("取消", "Cancel"),
    "pad.cancel_about": (
        "取消登录，回到居民的页面",
        "Cancel sign-in, back to the resident's screen",
    ),
    # the helper's actions
    "act.title": ("工作人员操作", "Staff actions"),
    "act.reason": ("原因", "Reason"),
    "act.id": ("身份证号", "ID number"),
    "act.id_hint": ("证件上的身份证号", "ID number on the document"),
    "act.device": ("设备", "Device"),
    "act.device_about": ("要停用的设备", "Device to switch off"),
    "act.result": ("操作结果", "Result"),
    "act.pin": ("密码", "PIN"),
    "act.pin_hint": (
        "核验身份或退出自助模式前，请再次输入您的密码",
        "Type your PIN again to confirm an identity or leave kiosk mode",
    ),
    "act.pin_needed": ("请先再次输入您的密码", "Type your PIN again first"),
    "act.identity": ("核验身份", "Confirm identity"),
    "act.redo": ("重做此步", "Redo this step"),
    "act.skip": ("跳过此步", "Skip this step"),
    "act.reprint": ("重新打印", "Print again"),
    "act.device_off": ("停用设备", "Switch off device"),
    "act.end": ("结束办理", "End the visit"),
    "act.leave": ("退出自助模式", "Leave kiosk mode"),
    "act.hand_back": ("交还居民", "Hand back"),
    "act.show_task": ("查看居民的页面", "Show the resident's screen"),
    "act.show_task_about": (
        "查看居民的页面，操作面板可由工作人员按钮找回",
        "Show the resident's screen; the staff button brings these actions back",
    ),
    "act.not_done": ("未执行：{why}", "Not done: {why}"),
    "act.need_id": ("请输入证件上的身份证号", "Type the ID number on the document"),
    "act.identity_done": ("身份已核验", "Identity confirmed"),
    "act.redo_done": ("已重做此步", "Step redone"),
    "act.skip_done": ("已跳过此步", "Step skipped"),
    "act.reprint_done": ("正在重新打印", "Printing again"),
    "act.device_done": ("{device}已停用", "{device} switched off"),
    "act.end_done": ("办理已结束", "Visit ended"),
    "act.leave_done": ("正在退出自助模式", "Leaving kiosk mode"),
    "act.hand_back_done": ("已交还居民", "Handed back to the resident"),
    "reason.cannot": ("居民无法操作", "Resident unable"),
    "reason.checked": ("已人工核对证件", "Document checked"),
    "reason.reader": ("读卡器故障", "Card reader fault"),
    "reason.printer": ("打印机故障", "Printer fault"),
    "reason.asked": ("居民要求", "Resident asked"),
    "device.printer": ("打印机", "Printer"),
    "device.idcard": ("读卡器", "Card reader"),
    "device.scanner": ("扫码器", "Scanner"),
    "device.audio": ("音频", "Audio"),
}


def word(key: str, lang: Lang, **values: object) -> str:
    zh, en = WORDS[key]
    text = en if text_language(lang) == "en" else zh
    return text.format(**values) if values else text
