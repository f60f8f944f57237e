"""A person's help at the kiosk: the call for staff, where it stands, a helper signed in.

Each message is (Chinese, English); placeholders are ``{name}``.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # The help key and the help strip: a call for staff and where it stands.
    "help.sent": (
        "已通知工作人员，请稍候，工作人员马上过来。",
        "Staff have been told. Please wait; someone is coming.",
    ),
    "help.offer": ("需要工作人员帮您吗？", "Would you like a member of staff to help?"),
    "help.offer_yes": ("请工作人员帮我", "Yes, please send someone"),
    "help.offer_no": ("不用，我自己来", "No, I'll carry on"),
    # Said instead of the screen again once the offer is declined.
    "help.offer_declined": ("好的，请继续。", "All right, please carry on."),
    "help.failed": (
        "呼叫没有送达。请到咨询台找工作人员，或拨打 {hotline}。",
        "The call did not get through. Please go to the information desk, or call {hotline}.",
    ),
    "help.cancel": ("取消呼叫", "Cancel the call"),
    "help.cancel_about": (
        "不再需要工作人员时按这里",
        "Press this if you no longer need anyone",
    ),
    "help.take_ticket": ("取人工窗口排队号", "Take a counter ticket"),
    "help.ticket_how": (
        "要取号，请点屏幕上方的“取人工窗口排队号”，或用上下键找到它，按确认键。",
        "To take one, touch Take a counter ticket at the top of the screen, or find it with "
        "up and down and press Enter.",
    ),
    "help.ticket_taken": (
        "您的排队号是 {number}，请到 {counter} 号窗口等候叫号。工作人员能看到您已办到哪一步。",
        "Your number is {number}. Please wait at counter {counter}. The counter can see how far "
        "you got.",
    ),
    "help.cancelled": ("已取消呼叫。", "The call was cancelled."),
    "where.call": ("您呼叫了工作人员：{status}", "You called staff: {status}"),
    "help.calling": ("正在通知工作人员…", "Telling the staff…"),
    "help.told": ("已通知工作人员", "Staff have been told"),
    # Said at once while a call is on its way (the store slow or away), its outcome after.
    "help.calling_wait": ("正在通知工作人员，请稍候。", "Telling the staff. Please wait a moment."),
    # A member of staff at the kiosk.
    "staff.signed_out_idle": (
        "工作人员已退出。您可以从刚才的地方继续办理，需要帮助请再点“呼叫工作人员”。",
        "The staff member has signed out. You can carry on where you were; for help, press "
        "Call staff again.",
    ),
    "staff.entry": ("员工登录", "Staff sign-in"),
    "staff.entry_about": (
        "仅供工作人员。需要帮助，请按“呼叫工作人员”。",
        "For staff only. If you need help, press Call staff.",
    ),
    "staff.banner": (
        "工作人员 {name}（工号 {no}）正在协助您",
        "{name} (staff no. {no}) is helping you",
    ),
    "staff.handed_back": (
        "工作人员已把办理交还给您，请继续。",
        "The staff member has handed back to you. Please carry on.",
    ),
    "staff.entry_actions": ("工作人员操作", "Staff actions"),
    "staff.entry_actions_about": (
        "回到工作人员的操作面板",
        "Back to the staff actions panel",
    ),
}
