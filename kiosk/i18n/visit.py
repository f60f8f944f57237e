"""The words of a visit's screens: home, the bar, steps and actions, pages, the keypad,
identification, tickets, time limits and ratings.

Each message is (Chinese, English); placeholders are ``{name}``.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # The kiosk and its state of service.
    "app.title": ("社保自助服务", "Social security self-service"),
    "out_of_service.title": ("本机暂停服务", "This kiosk is out of service"),
    "out_of_service.body": (
        "很抱歉，本机现在不能办理。请到{hall}的服务台或人工窗口，工作人员会帮您办理；"
        "也可拨打服务热线 {hotline}。",
        "Sorry, this kiosk cannot serve you now. Please go to the service desk or a staffed "
        "counter of {hall}: staff will help you. You can also call the hotline {hotline}.",
    ),
    # Home and the settings a resident needs first.
    "home.welcome": (
        "您好！请选择要办理的事情。需要帮助，请点“呼叫工作人员”。",
        "Hello! Choose what you would like to do. For help, press Call staff.",
    ),
    "home.elder_on": ("长辈模式：开", "Elder mode: on"),
    "home.elder_off": ("长辈模式：关", "Elder mode: off"),
    "home.elder_now_on": (
        "长辈模式已开启：字和按钮更大，每一步的时间更长。",
        "Elder mode is on: larger text and buttons, and more time on every step.",
    ),
    "home.elder_now_off": ("长辈模式已关闭。", "Elder mode is off."),
    "home.voice_on": ("语音导览：开", "Voice guidance: on"),
    "home.voice_off": ("语音导览：关", "Voice guidance: off"),
    "home.language_to": ("改用{name}", "Switch to {name}"),
    "home.elder_about": (
        "字更大，按钮更大，每一步的时间更长",
        "Larger text and buttons, and more time on every step",
    ),
    "home.voice_about": (
        "点一下收听，再点一下执行：开启或关闭",
        "Touch to hear, touch again to choose: on or off",
    ),
    # The bar on every screen, and what each of its buttons does.
    "bar.home": ("首页", "Home"),
    "bar.back": ("返回", "Back"),
    "bar.repeat": ("再听一遍", "Say it again"),
    "bar.text_size": ("字号", "Text size"),
    "bar.contrast": ("对比度", "Contrast"),
    "bar.call_staff": ("呼叫工作人员", "Call staff"),
    "bar.name": ("常用按钮", "Controls"),
    "bar.home_about": (
        "回到首页，已填写的内容会被清除",
        "Back to the start; what you typed is cleared",
    ),
    "bar.back_about": ("回到上一步", "Back to the previous step"),
    "bar.repeat_about": ("把这一页再读一遍", "Read this page aloud again"),
    "bar.size_about": ("换一种字号，共三种", "Change the text size; there are three"),
    "bar.contrast_about": ("换一种颜色对比，共三种", "Change the colours; there are three"),
    "bar.language_about": (
        "选择语言，共 {n} 种，现在是{name}",
        "Choose a language: there are {n}; now {name}",
    ),
    # The language strip the bar's language button opens (ui.widgets.languages).
    "languages.name": ("选择语言", "Choose a language"),
    "languages.in_use": ("现在用的语言", "The language in use"),
    "bar.staff_about": ("请工作人员过来帮您", "Ask a member of staff to come and help"),
    "bar.sound": ("声音设置", "Sound"),
    "bar.sound_about": (
        "暂停或继续朗读，调语速和音量",
        "Pause or resume the voice, change its speed and volume",
    ),
    "bar.where": ("我在哪里", "Where am I"),
    "bar.where_about": (
        "说出您在办理什么、第几步、选中了什么",
        "Says the service, the step and what is selected",
    ),
    # Where the resident is in a service.
    "step.progress": ("第 {n} 步，共 {total} 步", "Step {n} of {total}"),
    # The steps still to come depend on what is not known yet (an answer, a choice): the most.
    "step.progress_most": ("第 {n} 步，最多 {total} 步", "Step {n} of up to {total}"),
    # Common actions.
    "action.next": ("下一步", "Next"),
    "action.yes": ("确认", "Yes"),
    "action.no": ("返回修改", "No, go back"),
    "action.print": ("打印", "Print"),
    "action.skip_print": ("不用打印", "No printout"),
    "action.retry": ("再试一次", "Try again"),
    "action.leave": ("结束，回到首页", "End here and go home"),
    "action.more_time": ("我还需要时间", "I need more time"),
    "action.finish": ("完成", "Finish"),
    "action.delete": ("删除", "Delete"),
    "action.clear": ("清空", "Clear"),
    "action.ok": ("确定", "OK"),
    # Pages of a long list or table.
    "page.prev": ("上一页", "Previous page"),
    "page.next": ("下一页", "Next page"),
    "page.where": ("第 {n} 页，共 {total} 页", "Page {n} of {total}"),
    # A table as the loudspeaker says it when its cells are personal.
    "table.rows": ("共 {n} 行", "{n} rows"),
    "table.range": ("{column}从 {first} 到 {last}", "{column} from {first} to {last}"),
    "table.amounts": ("表中金额", "the amounts in the table"),
    # Text sizes.
    "size.standard": ("标准", "standard"),
    "size.large": ("大", "large"),
    "size.largest": ("特大", "largest"),
    # Colour contrasts.
    "theme.standard": ("标准", "standard"),
    "theme.dark": ("黑底", "dark"),
    "theme.light": ("白底", "light"),
    # States and roles, read out by assistive technology.
    "state.selected": ("已选中", "selected"),
    "state.unavailable": ("现在不能用", "not available now"),
    "role.button": ("按钮", "Button"),
    # The on-screen keypad.
    "keypad.display": ("已输入的内容", "What you have typed"),
    "keypad.empty": ("还没有输入", "Nothing typed yet"),
    "keypad.key": ("输入 {char}", "Type {char}"),
    "keypad.delete": ("删除最后一位", "Delete the last character"),
    "keypad.clear": ("全部清空", "Clear everything"),
    "keypad.ok": ("输入完成，提交", "Done typing, submit"),
    "keypad.star": ("星号", "star"),
    "keypad.count": ("已输入 {n} 位", "{n} typed"),
    "keypad.full": (
        "已经输满 {n} 位。输完请按确定；要改请按删除。",
        "All {n} are typed. Press OK when done, or Delete to change one.",
    ),
    "keypad.deleted": ("删除了一位，还有 {n} 位", "One deleted, {n} left"),
    "keypad.deleted_char": ("删除了 {char}，还有 {n} 位", "Deleted {char}, {n} left"),
    "keypad.cleared": ("已全部清空", "All cleared"),
    # Identification (the demonstration's sample card and e-card included).
    "identify.card": ("身份证：放在读卡区", "ID card: place it on the reader"),
    "identify.qr": ("电子社保卡：对准扫码口", "Electronic card: hold it to the scanner"),
    "identify.keypad": (
        "或者：用数字键输入身份证号码",
        "Or: type your ID number on the number keys",
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
    # Who was identified, on the step that follows (the name through a headset only).
    "identify.confirmed": (
        "身份已确认：{name}，身份证号 {masked}",
        "Identity confirmed: {name}, ID number {masked}",
    ),
    "identify.confirmed_id": (
        "身份已确认，身份证号 {masked}",
        "Identity confirmed: ID number {masked}",
    ),
    # A number typed on the keys: received, not an identity confirmed (no card was seen).
    "identify.received": (
        "已收到身份证号 {masked}，姓名：{name}",
        "ID number received: {masked}, name: {name}",
    ),
    "identify.received_id": ("已收到身份证号 {masked}", "ID number received: {masked}"),
    # QR codes for the resident's phone.
    "qr.about": ("二维码：{what}", "QR code: {what}"),
    "qr.address": ("网址：{url}", "Address: {url}"),
    # A handoff step at a kiosk with no hall server for phones: no code, and instead of a
    # prompt to scan one, what to do (a service file may say it in its own words: no_code).
    "handoff.no_code_paper": (
        "本机不能把这份指南发到手机上。要带走它，请选“打印这份指南”，拿纸质的；"
        "不需要的话直接点“下一步”。",
        "This kiosk cannot send this guide to a phone. To keep it, choose Print this guide and "
        "take it on paper; or just press Next.",
    ),
    "handoff.no_code": (
        "本机不能转到手机上继续办理。需要的话，请到人工服务窗口询问；不需要的话直接点“下一步”。",
        "This kiosk cannot pass this on to a phone. If you need to, ask at a staff counter; "
        "otherwise just press Next.",
    ),
    # A guide taken away: on a phone, or printed for a resident without a smartphone.
    "guide.qr": ("手机扫码，随时再看这份指南", "Scan with a phone to read this guide again"),
    "guide.print": ("打印这份指南", "Print this guide"),
    "guide.no_screen": (
        "看不到屏幕、不方便扫码也可以：选“打印这份指南”，指南和二维码会打印在纸上带走。",
        "If you cannot see the screen or scan the code, choose Print this guide: the guide and "
        "its code come out on paper to take with you.",
    ),
    "guide.printing": ("正在打印，请稍候。", "Printing, please wait."),
    "guide.printed": ("已打印，请在下方出纸口取走。", "Printed: take it from the slot below."),
    "guide.print_failed": (
        "打印没有成功。可以再试一次，或请工作人员帮忙。",
        "Printing did not work. Try again, or ask staff for help.",
    ),
    # A receipt's 掌上办 part: its code, or why there is none, and the paper complete.
    "receipt.qr": ("手机扫码，查看本次办理结果", "Scan with a phone to see this result"),
    "receipt.until": ("{until} 前有效", "Works until {until}"),
    "receipt.no_qr": ("这张凭条不带手机二维码", "This receipt has no code for phones"),
    "receipt.paper": (
        "内容都印在这张纸上。到窗口报上查询码，工作人员就能查到这次办理。",
        "Everything is printed on this paper. At a counter, give the reference and staff can "
        "find this visit.",
    ),
    "receipt.no_phone": ("没有智能手机也不要紧：", "No smartphone? No matter: "),
    # Counter tickets.
    "ticket.number": ("您的号码是 {number}", "Your number is {number}"),
    # Asked for a second ticket in the same visit: one a visit, so the one taken again.
    "ticket.again": (
        "这次办理已经取过号了，还是这个号：{number}",
        "You already have a ticket for this visit. It is still number {number}",
    ),
    # How many wait before a ticket: ticket_ahead() picks the one that reads naturally.
    "ticket.none_ahead": ("前面没有人等候，下一位就是您", "No one is ahead of you: you are next"),
    "ticket.one_ahead": ("前面还有 1 人", "1 person ahead of you"),
    "ticket.ahead": ("前面还有 {n} 人", "{n} people ahead of you"),
    # {counter} is the counter's number or range ("6", "3-5"), as on the hall's signs.
    "ticket.counter": ("请到 {counter} 号窗口办理", "Please go to counter {counter}"),
    # A ticket that did not come out of the printer: the number is all the resident has.
    "ticket.not_printed": (
        "号码条没能打印出来：{reason}。请记住或记下您的号码：{number}。",
        "Your ticket could not be printed: {reason}. Please remember or note your number: "
        "{number}.",
    ),
    "ticket.printed": (
        "号码条已打印，请在出纸口取走。",
        "Your ticket is printed. Please take it from the slot.",
    ),
    "ticket.hear_again": ("再听一遍号码", "Hear the number again"),
    "ticket.title": ("排队号", "Your number"),
    "ticket.window": ("窗口", "Counter"),
    "ticket.waiting": ("前面等候", "Ahead of you"),
    "ticket.reference": ("查询码", "Reference"),
    "ticket.qr": (
        "用手机扫码可查看排队进度；到窗口时出示此票，工作人员能看到您在自助机上办过的事。",
        "Scan with your phone to follow the queue. Show this ticket at the counter: staff "
        "see what you already did at the kiosk.",
    ),
    # What a finished visit reminds the resident to take.
    "done.take_card": ("请带好身份证。", "Please take your ID card."),
    "done.take_paper": ("请带好打印件。", "Please take your printout."),
    "done.take_both": ("请带好身份证和打印件。", "Please take your ID card and your printout."),
    # Time limits.
    "timeout.warning": (
        "您还在吗？{seconds} 秒后将回到首页，您填写的内容会被清除。",
        "Are you still there? In {seconds} seconds we go back to the start and "
        "clear what you entered.",
    ),
    "timeout.about": ("延长时间，继续办理", "More time to carry on"),
    # Short: the warning must not push the task (a keypad) off a portrait screen.
    "timeout.how": (
        "按任意键或触摸屏幕继续（还可延长 {n} 次）",
        "Press any key or touch to go on ({n} more times)",
    ),
    "timeout.no_more": (
        "时间已不能再延长。需要帮助，请点“呼叫工作人员”。",
        "No more time can be added. For help, press Call staff.",
    ),
    "timeout.extended": (
        "好的，时间已延长，请继续。",
        "Fine, you have more time. Please carry on.",
    ),
    # Going back where a step had an effect (a ticket, a print, a change).
    "back.not_here": (
        "这一步不能返回：已经办好的事不会再办一次。",
        "You cannot go back from this step: what is done is not done twice.",
    ),
    # Escape, Back or Home while paper is printed or a change is made (kiosk.flow.work).
    "hold.printing": (
        "正在打印，请稍候。打印完成以后，才能返回或回到首页。",
        "Printing now, please wait. You can go back or leave once it is done.",
    ),
    "hold.working": (
        "正在为您办理，请稍候。办好以后，才能返回或回到首页。",
        "This is being done for you now, please wait. You can go back or leave once it is done.",
    ),
    "back.at_home": (
        "这里是首页，没有上一步。请选择要办理的事情。",
        "This is the home screen: there is no step to go back to. Please choose what you need.",
    ),
    # An ID card left on the reader once the business is over.
    "card.left": (
        "您的身份证还在读卡区，请取走。",
        "Your ID card is still on the reader. Please take it.",
    ),
    # Ratings, best first, as the national scheme words them.
    "rate.very_satisfied": ("非常满意", "Very satisfied"),
    "rate.satisfied": ("满意", "Satisfied"),
    "rate.basically_satisfied": ("基本满意", "Fairly satisfied"),
    "rate.dissatisfied": ("不满意", "Dissatisfied"),
    "rate.very_dissatisfied": ("非常不满意", "Very dissatisfied"),
    "rate.why": ("请告诉我们原因（可不选）", "Tell us why (optional)"),
    "rate.skip": ("不评价", "Skip rating"),
    "rate.no_reason": ("不说原因，完成评价", "Skip, finish rating"),
}
