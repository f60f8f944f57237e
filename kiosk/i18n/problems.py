"""What went wrong, each saying what to do: inputs refused, backends that did not answer,
printing and its faults.

Each message is (Chinese, English); placeholders are ``{name}``.
"""

MESSAGES: dict[str, tuple[str, str]] = {
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
    # A well-formed number the backend knows nothing of, said on the identify step.
    "problem.id_unknown": (
        "没有查到这个身份证号的参保信息。请核对号码后再输一次，或呼叫工作人员。",
        "No insurance record was found for this ID number. Check it and type it again, "
        "or call staff.",
    ),
    # Said after it, for a resident who cannot see the screen to find the wrong character.
    "problem.id_check_digit_how": (
        "插上耳机后按 F3，可以听到已输入的号码，再用删除键改正；也可以按“清空”重新输入，"
        "或呼叫工作人员。",
        "With a headset, F3 reads back what you typed; correct it with Delete. Or press Clear "
        "to start again, or call staff.",
    ),
    # The same through a headset already plugged in: nothing to plug in.
    "problem.id_check_digit_how_headset": (
        "按 F3，可以听到已输入的号码，再用删除键改正；也可以按“清空”重新输入，或呼叫工作人员。",
        "F3 reads back what you typed; correct it with Delete. Or press Clear to start again, "
        "or call staff.",
    ),
    "problem.again": ("请再输入一遍，确认没有输错。", "Please type it once more to be sure."),
    "problem.card_unreadable": (
        "身份证没有读出来。请把卡平放在读卡区，不要移动。",
        "The card could not be read. Lay it flat on the reader and hold still.",
    ),
    "problem.card_invalid": (
        "身份证读出来了，但卡上的信息核对不上，这张卡不能在本机使用。请输入身份证号码，"
        "或扫描电子社保卡，或呼叫工作人员。",
        "The card was read, but its details do not check out, so it cannot be used here. "
        "Type your ID number, scan your electronic card, or call staff.",
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
    # Printing, and why a printout did not come.
    "print.working": ("正在打印，请稍候……", "Printing, one moment…"),
    "print.done": ("打印完成，请在出纸口取走。", "Printed. Please take it from the slot."),
    "print.no_phone_code": (
        "这次打印件上没有手机二维码，内容都印在纸上；到窗口报上查询码，工作人员就能查到。",
        "This time the printout has no code for phones: everything is on the paper, and at a "
        "counter staff can find this visit by its reference.",
    ),
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
    "print.qr_about": (
        "用手机扫描这个二维码，就能在手机上看到同样的内容。",
        "Scan this code with your phone to see the same document there.",
    ),
    "print.reason.hardware_error": ("打印机出了故障", "the printer has a fault"),
    "print.reason.interrupted": (
        "打印到一半停下了，凭条可能不完整",
        "printing stopped half-way, so the paper may be incomplete",
    ),
    "print.reason.switched_off": (
        "打印机已由工作人员暂停使用",
        "staff have switched the printer off",
    ),
    "print.receipt_says": ("凭条上写着：", "The paper says:"),
}
