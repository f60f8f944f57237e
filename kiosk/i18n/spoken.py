"""The words for ears and keys: key help, key names, audio mode, speech and its controls,
where am I, personal details kept quiet.

Each message is (Chinese, English); placeholders are ``{name}``.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # What the help key says on each kind of step, and on home.
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
    "keyhelp.print_failed": (
        "打印没有成功：{reason}。您可以选：{ways}。用上下键找到一项，按确认键。",
        "The printout did not work: {reason}. You can choose: {ways}. Find one with up and "
        "down, then press Enter.",
    ),
    "keyhelp.handoff": (
        "用手机扫描屏幕上的二维码；看不到屏幕时选“打印这份指南”，带走纸质的；或直接进入下一步。",
        "Scan the code with your phone; if you cannot see the screen, choose Print this guide "
        "to take it on paper; or go on to the next step.",
    ),
    "keyhelp.handoff_no_code_paper": (
        "选“打印这份指南”，带走纸质的；或直接进入下一步。",
        "Choose Print this guide to take it on paper; or go on to the next step.",
    ),
    "keyhelp.handoff_no_code": (
        "需要的话，请到人工服务窗口询问。按确认键进入下一步。",
        "If you need to, ask at a staff counter. Enter goes on to the next step.",
    ),
    "keyhelp.ticket": ("取走号码，留意叫号。", "Take your number and wait to be called."),
    "keyhelp.rate": ("选择一个评价。", "Choose a rating."),
    "keyhelp.done": ("办理完成。按确认键回到首页。", "All done. Press Enter to go to the start."),
    "keyhelp.home": (
        "用上下键选择要办理的事情，按确认键进入；办理中按 Esc 键回到上一步。需要人帮忙：用上下键"
        "找到屏幕最下方的“呼叫工作人员”，按确认键，工作人员会过来。按 F2 开启语音模式，F3 说出"
        "您在哪里，F4 说明每个按键。不用键盘：点“语音导览”，之后点一下按钮会读出它，"
        "再点一下才执行。",
        "Use up and down to pick a service; Enter opens it, and Escape goes back a step. For a "
        "person's help, find Call staff at the bottom of the screen with up and down and press "
        "Enter: someone will come. F2 starts audio mode, F3 says where you are, F4 names each "
        "key. Without keys: touch Voice guidance, then a first touch reads an item and a second "
        "touch chooses it.",
    ),
    # Key help mode (F4): a key says what it does instead of doing it.
    "keys.help_on": (
        "按键说明模式：按任何键，都会说出它的作用，不会执行。再按 F4 退出。",
        "Key help: press any key to hear what it does; nothing happens. Press F4 again to leave.",
    ),
    "keys.help_off": ("按键说明模式已结束。", "Key help is off."),
    # What each key says in key help mode.
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
    # Audio mode: the screen blanked, everything read aloud.
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
    "audio.touch_on": (
        "语音导览已开启。点一下按钮会读出它，再点一下才会执行。",
        "Voice guidance is on. Touch an item to hear it; touch it again to choose it.",
    ),
    # Speech: choices in order, positions, the speed and volume strip.
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
    # Said as the bar's Sound button opens the strip (the level as words, not "6 / 7"), and
    # as it closes it.
    "speech.volume_said": ("音量在第{n}格，共{total}格", "The volume is at {n} of {total}"),
    # Said when Quieter or Louder is pressed at its end (the button stays, so the focus does).
    "speech.quietest": ("已经最小声了。", "Already the quietest."),
    "speech.loudest": ("已经最大声了。", "Already the loudest."),
    "speech.closed": ("声音设置已收起。", "Sound settings are closed."),
    "speech.reset_note": (
        "离开时语速和音量会恢复默认。",
        "Speed and volume go back to normal when you leave.",
    ),
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
    # Where am I (F3).
    "where.home": ("您在首页，还没有开始办理。", "You are at the start; no service begun yet."),
    "where.step": (
        "您在办理：{service}。{progress}：{title}",
        "You are in: {service}. {progress}: {title}",
    ),
    "where.done": ("您办理的{service}已经完成。", "{service} is complete."),
    "where.focus": ("当前是：{item}", "Now on: {item}"),
    "where.nothing": ("还没有选中任何一项。", "Nothing is selected yet."),
    # Personal details kept from the loudspeaker (kiosk.speech.private): one notice a screen.
    "private.notice": (
        "个人信息不在扬声器上读出。插上耳机可以收听，也可以看屏幕。",
        "Personal details are not read on the loudspeaker. Plug in a headset to hear them, "
        "or read the screen.",
    ),
    "private.notice_items": (
        "{what}等个人信息不在扬声器上读出。插上耳机可以收听，也可以看屏幕。",
        "{what} and other personal details are not read on the loudspeaker. Plug in a headset "
        "to hear them, or read the screen.",
    ),
    # The same, of what was read from a printout: the paper has it, nothing of it is said.
    "private.printed": (
        "个人信息已印在纸上，不在扬声器上读出。插上耳机可以收听。",
        "Personal details are printed on the paper and not read on the loudspeaker. Plug in a "
        "headset to hear them.",
    ),
    "private.printed_items": (
        "{what}等个人信息已印在纸上，不在扬声器上读出。插上耳机可以收听。",
        "{what} and other personal details are printed on the paper and not read on the "
        "loudspeaker. Plug in a headset to hear them.",
    ),
    "private.inline": ("（不读出）", "(not read aloud)"),
}
