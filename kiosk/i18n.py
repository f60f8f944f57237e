"""Fixed words of the kiosk itself (not of a service), in both screen languages.

Kept in the domain, not in ui/, so that speech can pre-render them without Qt and the tests can
check that every message exists in both languages. Placeholders are ``{name}``. Any language of
the language list can ask: Cantonese gets the Chinese text, which its voice reads in Cantonese.
"""

from __future__ import annotations

from kiosk.text import Lang, fill, placeholders, text_language

MESSAGES: dict[str, tuple[str, str]] = {
    # Home and the settings a resident needs first.
    "app.title": ("社保自助服务", "Social security self-service"),
    "staff.signed_out_idle": (
        "工作人员已退出。您可以从刚才的地方继续办理，需要帮助请再点“呼叫工作人员”。",
        "The staff member has signed out. You can carry on where you were; for help, press "
        "Call staff again.",
    ),
    "out_of_service.title": ("本机暂停服务", "This kiosk is out of service"),
    "out_of_service.body": (
        "很抱歉，本机现在不能办理。请到{hall}的服务台或人工窗口，工作人员会帮您办理；"
        "也可拨打服务热线 {hotline}。",
        "Sorry, this kiosk cannot serve you now. Please go to the service desk or a staffed "
        "counter of {hall}: staff will help you. You can also call the hotline {hotline}.",
    ),
    "home.welcome": (
        "您好！请选择要办理的事情。需要帮助，请点“呼叫工作人员”。",
        "Hello! Choose what you would like to do. For help, press Call staff.",
    ),
    "home.language": ("English", "中文"),
    "home.elder_on": ("长辈模式：开", "Elder mode: on"),
    "home.elder_off": ("长辈模式：关", "Elder mode: off"),
    "home.voice_on": ("语音导览：开", "Voice guidance: on"),
    "home.voice_off": ("语音导览：关", "Voice guidance: off"),
    # The bar on every screen.
    "bar.home": ("首页", "Home"),
    "bar.back": ("返回", "Back"),
    "bar.repeat": ("再听一遍", "Say it again"),
    "bar.text_size": ("字号", "Text size"),
    "bar.contrast": ("对比度", "Contrast"),
    "bar.call_staff": ("呼叫工作人员", "Call staff"),
    "step.progress": ("第 {n} 步，共 {total} 步", "Step {n} of {total}"),
    # Common actions.
    "action.next": ("下一步", "Next"),
    "action.yes": ("确认", "Yes"),
    "action.no": ("返回修改", "No, go back"),
    "action.print": ("打印", "Print"),
    "action.skip_print": ("不用打印", "No printout"),
    "action.retry": ("再试一次", "Try again"),
    "action.more_time": ("我还需要时间", "I need more time"),
    "action.finish": ("完成", "Finish"),
    "action.delete": ("删除", "Delete"),
    "action.clear": ("清空", "Clear"),
    "action.ok": ("确定", "OK"),
    # Input problems: each says what is wrong and what to do.
    "problem.empty": (
        "还没有输入内容。请用下方数字键输入。",
        "Nothing typed yet. Use the keys below.",
    ),
    "problem.phone": (
        "手机号码应为 1 开头的 11 位数字，请重新输入。",
        "A mobile number has 11 digits and starts with 1. Please type it again.",
    ),
    "problem.date": (
        "日期不对，请按 年年年年月月日日 输入 8 位数字。",
        "That date is not right. Type 8 digits: year, month, day.",
    ),
    "problem.amount": (
        "金额不对，请重新输入，最多两位小数。",
        "That amount is not right. Type it again, with at most two decimals.",
    ),
    "problem.digits": ("只能输入数字，请重新输入。", "Only digits, please. Type it again."),
    "problem.length": (
        "位数不对，请核对后重新输入。",
        "The number of digits is wrong. Check and type again.",
    ),
    "problem.mismatch": (
        "两次输入的号码不一样，请重新输入。",
        "The two numbers are not the same. Please type it again.",
    ),
    "problem.id_length": (
        "身份证号码应为 18 位。请核对，改正后再按确定。",
        "An ID number has 18 characters. Check it, correct it, then press OK.",
    ),
    "problem.id_characters": (
        "身份证号码只有数字，最后一位可能是 X。请改正后再按确定。",
        "An ID number has only digits; the last may be X. Correct it, then press OK.",
    ),
    "problem.id_birth_date": (
        "身份证号码中的出生日期不对。",
        "The date of birth in that ID number is not right.",
    ),
    "problem.id_typed": ("您输入了 {n} 位。", "You typed {n}."),
    "problem.id_at": ("请看第 {first} 位。", "Look at character {first}."),
    "problem.id_span": (
        "请看第 {first} 至 {last} 位，这是出生日期。",
        "Look at characters {first} to {last}: the date of birth.",
    ),
    "problem.id_check_digit": (
        "有一位输错了，校验码对不上。请对照身份证核对，用删除键改正。",
        "One character is wrong: the check character does not match. Compare with your card.",
    ),
    "problem.again": ("请再输入一遍，确认没有输错。", "Please type it once more to be sure."),
    "problem.card_unreadable": (
        "身份证没有读出来。请把卡平放在读卡区，不要移动。",
        "The card could not be read. Lay it flat on the reader and hold still.",
    ),
    "problem.card_expired": (
        "这张身份证已过有效期。请输入号码，或呼叫工作人员。",
        "This ID card has expired. Type the number, or call staff.",
    ),
    "problem.qr_unsupported": (
        "扫到的码本机不能识别，它不是电子社保卡二维码。请出示电子社保卡二维码，把身份证放在读卡区，"
        "或输入身份证号码。",
        "The kiosk cannot read that code: it is not an electronic social security card code. "
        "Show your electronic card code, place your ID card on the reader, or type your ID "
        "number.",
    ),
    "problem.qr_unknown": (
        "这个二维码不能使用。请出示电子社保卡二维码，或输入身份证号码。",
        "This code cannot be used. Show your electronic social security card "
        "code, or type your ID number.",
    ),
    # Backend answers that did not work.
    "backend.not_found": (
        "没有查到您的参保信息。请到窗口咨询，或呼叫工作人员。",
        "We found no insurance record for you. Please ask at a counter or call staff.",
    ),
    "backend.not_allowed": (
        "这项业务现在不能在自助机办理。请到窗口办理，或呼叫工作人员。",
        "This cannot be done here right now. Please go to a counter or call staff.",
    ),
    "backend.unavailable": (
        "系统暂时连不上。您可以再试一次，或取号到窗口办理。",
        "The system cannot be reached just now. Try again, or take a counter ticket.",
    ),
    "backend.invalid": (
        "信息不完整，请返回重新办理，或呼叫工作人员。",
        "Something is missing. Go back and try again, or call staff.",
    ),
    "backend.waiting": ("正在查询，请稍候……", "Looking it up, one moment…"),
    # Printing.
    "print.working": ("正在打印，请稍候……", "Printing, one moment…"),
    "print.done": ("打印完成，请在出纸口取走。", "Printed. Please take it from the slot."),
    "print.failed": (
        "打印没有成功：{reason}。您可以：",
        "The printout did not work: {reason}. You can:",
    ),
    "print.reason.paper_out": ("打印机没纸了", "the printer is out of paper"),
    "print.reason.cover_open": ("打印机盖没有关好", "the printer cover is open"),
    "print.reason.offline": ("打印机没有连接", "the printer is not connected"),
    "print.reason.jammed": ("打印机卡纸了", "the paper is jammed"),
    "print.reason.unknown": ("打印机没有回应", "the printer did not answer"),
    "print.way.phone": ("用手机扫码保存", "Keep it on your phone"),
    "print.way.counter": ("到窗口打印", "Print it at a counter"),
    # Time limits.
    "timeout.warning": (
        "您还在吗？{seconds} 秒后将回到首页，您填写的内容会被清除。",
        "Are you still there? In {seconds} seconds we go back to the start and "
        "clear what you entered.",
    ),
    "timeout.extensions_left": ("还可以延长 {n} 次", "You can ask for more time {n} more times"),
    # Help.
    "help.sent": (
        "已通知工作人员，请稍候，工作人员马上过来。",
        "Staff have been told. Please wait; someone is coming.",
    ),
    "help.offer": ("需要工作人员帮您吗？", "Would you like a member of staff to help?"),
    "help.offer_yes": ("请工作人员帮我", "Yes, please send someone"),
    "help.offer_no": ("不用，我自己来", "No, I'll carry on"),
    "help.failed": (
        "呼叫没有送达。请到咨询台找工作人员，或拨打 {hotline}。",
        "The call did not get through. Please go to the information desk, or call {hotline}.",
    ),
    # Ratings, best first, as the national scheme words them.
    "rate.very_satisfied": ("非常满意", "Very satisfied"),
    "rate.satisfied": ("满意", "Satisfied"),
    "rate.basically_satisfied": ("基本满意", "Fairly satisfied"),
    "rate.dissatisfied": ("不满意", "Dissatisfied"),
    "rate.very_dissatisfied": ("非常不满意", "Very dissatisfied"),
    "rate.why": ("请告诉我们原因（可不选）", "Tell us why (optional)"),
    "rate.skip": ("不评价", "Skip rating"),
    # What the help key says on each kind of step.
    "keyhelp.info": (
        "阅读或收听说明，然后按确认键进入下一步。",
        "Read or listen, then press Enter for the next step.",
    ),
    "keyhelp.choose": (
        "用上下键选择一项，按确认键选定。",
        "Use up and down to pick one; Enter selects.",
    ),
    "keyhelp.identify": (
        "把身份证放在读卡区，或扫描电子社保卡，或用数字键输入身份证号码。",
        "Place your ID card on the reader, scan your e-card, or type your ID "
        "number with the number keys.",
    ),
    "keyhelp.input": (
        "用数字键输入，按确认键提交，按返回键回到上一步。",
        "Type with the number keys, Enter submits, Back goes back.",
    ),
    "keyhelp.confirm": (
        "核对内容。正确请选“确认”，不对请选“返回修改”。",
        "Check the details. Choose Yes if right, or go back to change them.",
    ),
    "keyhelp.lookup": (
        "查询结果按行朗读。按确认键继续。",
        "The results are read row by row. Enter goes on.",
    ),
    "keyhelp.print": ("选择打印或不打印。", "Choose to print or not."),
    "keyhelp.handoff": (
        "用手机扫描屏幕上的二维码，或直接进入下一步。",
        "Scan the code with your phone, or go on to the next step.",
    ),
    "keyhelp.ticket": ("取走号码，留意叫号。", "Take your number and wait to be called."),
    "keyhelp.rate": ("选择一个评价。", "Choose a rating."),
    "keyhelp.done": ("办理完成。按确认键回到首页。", "All done. Press Enter to go to the start."),
    # The touch UI's own words (issue 3): key help on home, descriptions, roles, audio mode.
    "keyhelp.home": (
        "用上下键选择要办理的事情，按确认键进入。按 F2 开启语音模式，F3 说出您在哪里，"
        "F4 说明每个按键。不用键盘：点“语音导览”，之后点一下按钮会读出它，再点一下才执行。",
        "Use up and down to pick a service; Enter opens it. F2 starts audio mode, F3 says where "
        "you are, F4 names each key. Without keys: touch Voice guidance, then a first touch reads "
        "an item and a second touch chooses it.",
    ),
    "role.button": ("按钮", "Button"),
    "state.selected": ("已选中", "selected"),
    "state.unavailable": ("现在不能用", "not available now"),
    "bar.name": ("常用按钮", "Controls"),
    "bar.home_about": (
        "回到首页，已填写的内容会被清除",
        "Back to the start; what you typed is cleared",
    ),
    "bar.back_about": ("回到上一步", "Back to the previous step"),
    "bar.repeat_about": ("把这一页再读一遍", "Read this page aloud again"),
    "bar.size_about": ("换一种字号，共三种", "Change the text size; there are three"),
    "bar.contrast_about": ("换一种颜色对比，共三种", "Change the colours; there are three"),
    "bar.language_about": ("切换中文或英文", "Switch between Chinese and English"),
    "bar.staff_about": ("请工作人员过来帮您", "Ask a member of staff to come and help"),
    "home.language_about": ("切换中文或英文", "Switch between Chinese and English"),
    "home.language_to": ("改用{name}", "Switch to {name}"),
    "home.elder_about": (
        "字更大，按钮更大，每一步的时间更长",
        "Larger text and buttons, and more time on every step",
    ),
    "home.voice_about": (
        "点一下收听，再点一下执行：开启或关闭",
        "Touch to hear, touch again to choose: on or off",
    ),
    "size.standard": ("标准", "standard"),
    "size.large": ("大", "large"),
    "size.largest": ("特大", "largest"),
    "theme.standard": ("标准", "standard"),
    "theme.dark": ("黑底", "dark"),
    "theme.light": ("白底", "light"),
    "timeout.about": ("延长时间，继续办理", "More time to carry on"),
    "keypad.display": ("已输入的内容", "What you have typed"),
    "keypad.empty": ("还没有输入", "Nothing typed yet"),
    "keypad.key": ("输入 {char}", "Type {char}"),
    "keypad.delete": ("删除最后一位", "Delete the last character"),
    "keypad.clear": ("全部清空", "Clear everything"),
    "keypad.ok": ("输入完成，提交", "Done typing, submit"),
    "keypad.star": ("星号", "star"),
    "page.prev": ("上一页", "Previous page"),
    "page.next": ("下一页", "Next page"),
    "page.where": ("第 {n} 页，共 {total} 页", "Page {n} of {total}"),
    "qr.about": ("二维码：{what}", "QR code: {what}"),
    "qr.address": ("网址：{url}", "Address: {url}"),
    "identify.card": ("身份证：放在读卡区", "ID card: place it on the reader"),
    "identify.qr": ("电子社保卡：对准扫码口", "Electronic card: hold it to the scanner"),
    "identify.keypad": (
        "或者：用数字键输入身份证号码",
        "Or: type your ID number on the number keys",
    ),
    "ticket.number": ("您的号码是 {number}", "Your number is {number}"),
    "ticket.ahead": ("前面还有 {n} 人", "{n} people ahead of you"),
    "ticket.counter": ("请到 {counter} 办理", "Please go to {counter}"),
    "ticket.title": ("排队号", "Your number"),
    "ticket.window": ("窗口", "Counter"),
    "ticket.waiting": ("前面等候", "Ahead of you"),
    "ticket.reference": ("查询码", "Reference"),
    "ticket.qr": (
        "用手机扫码可查看排队进度；到窗口时出示此票，工作人员能看到您在自助机上办过的事。",
        "Scan with your phone to follow the queue. Show this ticket at the counter: staff "
        "see what you already did at the kiosk.",
    ),
    "print.qr_about": (
        "用手机扫描这个二维码，就能在手机上看到同样的内容。",
        "Scan this code with your phone to see the same document there.",
    ),
    "rate.no_reason": ("不说原因，完成评价", "Skip, finish rating"),
    "audio.on": (
        "语音模式已开启。点一下按钮会读出它，再点一下或按确认键才会执行。"
        "再按一次 F2 可以关闭屏幕显示。",
        "Audio mode is on. Touch an item to hear it; touch again or press Enter to use it. "
        "Press F2 again to blank the screen.",
    ),
    "audio.blank": (
        "屏幕已关闭，保护您的隐私。操作和朗读照常。再按一次 F2 退出语音模式。",
        "The screen is blanked for privacy. Everything still works and is read aloud. "
        "Press F2 again to leave audio mode.",
    ),
    "audio.off": ("语音模式已关闭。", "Audio mode is off."),
    # Devices in the kiosk window.
    "print.reason.hardware_error": ("打印机出了故障", "the printer has a fault"),
    "print.reason.interrupted": (
        "打印到一半停下了，凭条可能不完整",
        "printing stopped half-way, so the paper may be incomplete",
    ),
    "identify.demo_card": ("演示：放入示例身份证", "Demo: place a sample ID card"),
    "identify.demo_card_about": (
        "只在演示中出现：把一张示例身份证放到模拟读卡器上。",
        "Only in the demo: puts a sample ID card on the simulated card reader.",
    ),
    "identify.demo_qr": ("演示：扫描示例电子社保卡", "Demo: scan a sample e-card"),
    "identify.demo_qr_about": (
        "只在演示中出现：让模拟扫码器读一张示例电子社保卡。",
        "Only in the demo: the simulated scanner reads a sample electronic card.",
    ),
    # Speech controls (issue 4): a strip reached from the bar on every screen.
    "bar.sound": ("声音设置", "Sound"),
    "bar.sound_about": (
        "暂停或继续朗读，调语速和音量",
        "Pause or resume the voice, change its speed and volume",
    ),
    "speech.name": ("声音设置", "Sound settings"),
    "speech.pause": ("暂停朗读", "Pause voice"),
    "speech.resume": ("继续朗读", "Resume voice"),
    "speech.pause_about": ("暂停或继续正在读的内容", "Pause or resume what is being read"),
    "speech.rate": ("语速：{step}", "Speed: {step}"),
    "speech.rate_about": (
        "换一种语速，共三种：慢、正常、快",
        "Change the speed; there are three: slow, normal, fast",
    ),
    "speech.rate.slow": ("慢", "slow"),
    "speech.rate.normal": ("正常", "normal"),
    "speech.rate.fast": ("快", "fast"),
    "speech.quieter": ("声音小一点", "Quieter"),
    "speech.louder": ("声音大一点", "Louder"),
    "speech.volume": ("音量 {n} / {total}", "Volume {n} of {total}"),
    "speech.volume_about": ("音量共 {total} 格", "There are {total} volume levels"),
    "speech.reset_note": (
        "离开时语速和音量会恢复默认。",
        "Speed and volume go back to normal when you leave.",
    ),
    # The help strip and the human path at the kiosk (issue 6).
    "help.cancel": ("取消呼叫", "Cancel the call"),
    "help.cancel_about": (
        "不再需要工作人员时按这里",
        "Press this if you no longer need anyone",
    ),
    "help.take_ticket": ("取人工窗口排队号", "Take a counter ticket"),
    "help.ticket_taken": (
        "您的排队号是 {number}，请到 {counter} 等候叫号。工作人员能看到您已办到哪一步。",
        "Your number is {number}. Please wait at {counter}. The counter can see how far you got.",
    ),
    "help.cancelled": ("已取消呼叫。", "The call was cancelled."),
    "help.calling": ("正在通知工作人员…", "Telling the staff…"),
    "staff.entry": ("员工登录", "Staff sign-in"),
    "staff.entry_about": (
        "工作人员登录，协助居民办理",
        "Staff sign-in, to help the resident",
    ),
    "staff.banner": (
        "工作人员 {name}（工号 {no}）正在协助您",
        "{name} (staff no. {no}) is helping you",
    ),
    "staff.handed_back": (
        "工作人员已把办理交还给您，请继续。",
        "The staff member has handed back to you. Please carry on.",
    ),
    "print.reason.switched_off": (
        "打印机已由工作人员暂停使用",
        "staff have switched the printer off",
    ),
    "staff.entry_actions": ("工作人员操作", "Staff actions"),
    "staff.entry_actions_about": (
        "回到工作人员的操作面板",
        "Back to the staff actions panel",
    ),
    # Everything spoken: choices in order, positions, where am I, key names, privacy.
    "speech.item": ("第{n}项，{name}", "Item {n}: {name}"),
    "speech.position": ("{total}项中的第{n}项", "item {n} of {total}"),
    "speech.how_to_choose": (
        "用上下键逐项收听，按确认键选择；也可以点一下收听，再点一下确认。",
        "Use up and down to hear each item and Enter to choose it; or touch an item to hear it "
        "and touch it again to choose it.",
    ),
    "speech.focused": ("现在在第{n}项：{name}。", "Now on item {n}: {name}."),
    "speech.keypad": (
        "用数字键输入，输完按确认键。",
        "Type on the number keys, then press Enter.",
    ),
    "where.home": ("您在首页，还没有开始办理。", "You are at the start; no service begun yet."),
    "where.step": (
        "您在办理：{service}。第 {n} 步，共 {total} 步：{title}。",
        "You are in: {service}. Step {n} of {total}: {title}.",
    ),
    "where.focus": ("当前是：{item}", "Now on: {item}"),
    "where.nothing": ("还没有选中任何一项。", "Nothing is selected yet."),
    "keys.help_on": (
        "按键说明模式：按任何键，都会说出它的作用，不会执行。再按 F4 退出。",
        "Key help: press any key to hear what it does; nothing happens. Press F4 again to leave.",
    ),
    "keys.help_off": ("按键说明模式已结束。", "Key help is off."),
    "keyname.next": ("下一项键：移到下一项并读出它", "Next: moves to the next item and reads it"),
    "keyname.prev": ("上一项键：移到上一项并读出它", "Previous: moves to the item before"),
    "keyname.enter": ("确认键：选择当前这一项", "Enter: chooses the current item"),
    "keyname.back": ("返回键：回到上一步", "Back: goes to the previous step"),
    "keyname.help": ("帮助键：说明这一页怎么操作", "Help: tells how to use this page"),
    "keyname.where": (
        "我在哪里键：说出您在办理什么、第几步",
        "Where am I: says the service and step",
    ),
    "keyname.audio": (
        "语音模式键：开启点一下收听，再按关闭屏幕显示",
        "Audio mode: touch to hear, then a blank screen",
    ),
    "keyname.keyhelp": ("按键说明键：开始或结束按键说明", "Key help: starts or ends key help"),
    "keyname.digit": ("数字键 {char}", "Number key {char}"),
    "keyname.delete": ("删除键：删掉最后一位", "Delete: removes the last character"),
    "keyname.other": ("这个键在这里没有作用", "This key does nothing here"),
    "bar.where": ("我在哪里", "Where am I"),
    "bar.where_about": (
        "说出您在办理什么、第几步、选中了什么",
        "Says the service, the step and what is selected",
    ),
    "private.hidden": ("（个人信息，不读出）", "(personal details, not read aloud)"),
    "private.advice": (
        "个人信息没有读出来。请插上耳机收听，或者看屏幕。",
        "Personal details were not read aloud. Plug in a headset to hear them, or read the screen.",
    ),
    "audio.touch_on": (
        "语音导览已开启。点一下按钮会读出它，再点一下才会执行。",
        "Voice guidance is on. Touch an item to hear it; touch it again to choose it.",
    ),
    "print.receipt_says": ("凭条上写着：", "The paper says:"),
    "help.told": ("已通知工作人员", "Staff have been told"),
}


def t(key: str, lang: Lang, **values: object) -> str:
    """The message in this language's screen text, with its placeholders filled."""
    zh, en = MESSAGES[key]
    text = zh if text_language(lang) == "zh" else en
    return fill(text, {k: str(v) for k, v in values.items()}) if values else text


def all_texts(lang: Lang) -> list[str]:
    """Every fixed message without placeholders, for pre-rendering speech."""
    chinese = text_language(lang) == "zh"
    texts = (zh if chinese else en for zh, en in MESSAGES.values())
    return [text for text in texts if not placeholders(text)]
