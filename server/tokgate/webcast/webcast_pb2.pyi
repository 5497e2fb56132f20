from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ActionButtonType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ACTION_BUTTON_TYPE_UNKNOWN: _ClassVar[ActionButtonType]
    ACTION_BUTTON_TYPE_FOLLOW: _ClassVar[ActionButtonType]
    ACTION_BUTTON_TYPE_SET_GOAL: _ClassVar[ActionButtonType]
    ACTION_BUTTON_TYPE_START_MATCH: _ClassVar[ActionButtonType]
    ACTION_BUTTON_TYPE_ADD_STICKER: _ClassVar[ActionButtonType]
    ACTION_BUTTON_TYPE_ADD_CRM_STICKER: _ClassVar[ActionButtonType]
    ACTION_BUTTON_TYPE_START_COHOST: _ClassVar[ActionButtonType]
    ACTION_BUTTON_TYPE_INVITE_LEVEL_UP_GAMEPLAY: _ClassVar[ActionButtonType]
    ACTION_BUTTON_TYPE_SEND_GOODY_BAG: _ClassVar[ActionButtonType]
    ACTION_BUTTON_TYPE_PIN_MESSAGE: _ClassVar[ActionButtonType]
    ACTION_BUTTON_TYPE_ACTIVATE_UPGRADE_GIFT_GALLERY: _ClassVar[ActionButtonType]
    ACTION_BUTTON_TYPE_SET_FANS_CLUB_ID: _ClassVar[ActionButtonType]
    ACTION_BUTTON_TYPE_VIEWER_WISH: _ClassVar[ActionButtonType]
    ACTION_BUTTON_TYPE_OPEN_PLAY_BOOK: _ClassVar[ActionButtonType]
    ACTION_BUTTON_TYPE_LIVE_GOAL_PIN: _ClassVar[ActionButtonType]
    ACTION_BUTTON_TYPE_GUESSING_GAME: _ClassVar[ActionButtonType]
    ACTION_BUTTON_TYPE_LAUNCH_GAME_QUIZ: _ClassVar[ActionButtonType]
    ACTION_BUTTON_TYPE_PIN_COMMENT: _ClassVar[ActionButtonType]
    ACTION_BUTTON_TYPE_INVITE_ON_MIC: _ClassVar[ActionButtonType]

class AuditStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AUDIT_STATUS_AUDIT_STATUS_UNKNOWN: _ClassVar[AuditStatus]
    AUDIT_STATUS_PASS: _ClassVar[AuditStatus]
    AUDIT_STATUS_FAILED: _ClassVar[AuditStatus]
    AUDIT_STATUS_REVIEWING: _ClassVar[AuditStatus]
    AUDIT_STATUS_FORBIDDEN: _ClassVar[AuditStatus]

class AuditTaskType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AUDIT_TASK_TYPE_DEFAULT: _ClassVar[AuditTaskType]
    AUDIT_TASK_TYPE_APPEAL: _ClassVar[AuditTaskType]

class BadgeDisplayType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BADGE_DISPLAY_TYPE_BADGE_DISPLAY_TYPE_UNKNOWN: _ClassVar[BadgeDisplayType]
    BADGE_DISPLAY_TYPE_IMAGE: _ClassVar[BadgeDisplayType]
    BADGE_DISPLAY_TYPE_TEXT: _ClassVar[BadgeDisplayType]
    BADGE_DISPLAY_TYPE_STRING: _ClassVar[BadgeDisplayType]
    BADGE_DISPLAY_TYPE_COMBINE: _ClassVar[BadgeDisplayType]

class BadgeExhibitionType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BADGE_EXHIBITION_TYPE_BADGE: _ClassVar[BadgeExhibitionType]
    BADGE_EXHIBITION_TYPE_IDENTITY_LABEL: _ClassVar[BadgeExhibitionType]

class BadgePriorityType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BADGE_PRIORITY_TYPE_BADGE_PRIORITY_TYPE_UNKNOWN: _ClassVar[BadgePriorityType]
    BADGE_PRIORITY_TYPE_STRONG_RELATION: _ClassVar[BadgePriorityType]
    BADGE_PRIORITY_TYPE_PLATFORM: _ClassVar[BadgePriorityType]
    BADGE_PRIORITY_TYPE_RELATION: _ClassVar[BadgePriorityType]
    BADGE_PRIORITY_TYPE_ACTIVITY: _ClassVar[BadgePriorityType]
    BADGE_PRIORITY_TYPE_RANK_LIST: _ClassVar[BadgePriorityType]

class BadgeSceneType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BADGE_SCENE_TYPE_BADGE_SCENE_TYPE_UNKNOWN: _ClassVar[BadgeSceneType]
    BADGE_SCENE_TYPE_ADMIN: _ClassVar[BadgeSceneType]
    BADGE_SCENE_TYPE_FIRST_RECHARGE: _ClassVar[BadgeSceneType]
    BADGE_SCENE_TYPE_FRIENDS: _ClassVar[BadgeSceneType]
    BADGE_SCENE_TYPE_SUBSCRIBER: _ClassVar[BadgeSceneType]
    BADGE_SCENE_TYPE_BADGE_SCENE_TYPE_ACTIVITY: _ClassVar[BadgeSceneType]
    BADGE_SCENE_TYPE_BADGE_SCENE_TYPE_RANK_LIST: _ClassVar[BadgeSceneType]
    BADGE_SCENE_TYPE_NEW_SUBSCRIBER: _ClassVar[BadgeSceneType]
    BADGE_SCENE_TYPE_USER_GRADE: _ClassVar[BadgeSceneType]
    BADGE_SCENE_TYPE_STATE_CONTROLLED_MEDIA: _ClassVar[BadgeSceneType]
    BADGE_SCENE_TYPE_FANS: _ClassVar[BadgeSceneType]
    BADGE_SCENE_TYPE_LIVE_PRO: _ClassVar[BadgeSceneType]
    BADGE_SCENE_TYPE_ANCHOR: _ClassVar[BadgeSceneType]
    BADGE_SCENE_TYPE_CLASS_RANK: _ClassVar[BadgeSceneType]
    BADGE_SCENE_TYPE_ENIGMA: _ClassVar[BadgeSceneType]

class BadgeTextPosition(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BADGE_TEXT_POSITION_BADGE_TEXT_POSITION_UNKNOWN: _ClassVar[BadgeTextPosition]
    BADGE_TEXT_POSITION_RIGHT: _ClassVar[BadgeTextPosition]
    BADGE_TEXT_POSITION_BELOW: _ClassVar[BadgeTextPosition]

class CommentTag(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    COMMENT_TAG_NORMAL: _ClassVar[CommentTag]
    COMMENT_TAG_CANDIDATE: _ClassVar[CommentTag]
    COMMENT_TAG_OVERAGE: _ClassVar[CommentTag]

class ContentSource(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CONTENT_SOURCE_CONTENT_SOURCE_UNKNOWN: _ClassVar[ContentSource]
    CONTENT_SOURCE_CONTENT_SOURCE_NORMAL: _ClassVar[ContentSource]
    CONTENT_SOURCE_CAMERA: _ClassVar[ContentSource]

class ControlAction(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CONTROL_ACTION_FALLBACK_UNKNOWN: _ClassVar[ControlAction]
    CONTROL_ACTION_STREAM_PAUSED: _ClassVar[ControlAction]
    CONTROL_ACTION_STREAM_UNPAUSED: _ClassVar[ControlAction]
    CONTROL_ACTION_STREAM_ENDED: _ClassVar[ControlAction]
    CONTROL_ACTION_STREAM_SUSPENDED: _ClassVar[ControlAction]

class DisplayStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DISPLAY_STATUS_DISPLAY_STATUS_NORMAL: _ClassVar[DisplayStatus]
    DISPLAY_STATUS_SHADOW: _ClassVar[DisplayStatus]

class DisplayStyle(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DISPLAY_STYLE_DISPLAY_STYLE_NORMAL: _ClassVar[DisplayStyle]
    DISPLAY_STYLE_STAY: _ClassVar[DisplayStyle]
    DISPLAY_STYLE_CHAT: _ClassVar[DisplayStyle]

class EmotePrivateType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    EMOTE_PRIVATE_TYPE_EMOTE_PRIVATE_TYPE_NORMAL: _ClassVar[EmotePrivateType]
    EMOTE_PRIVATE_TYPE_SUB_WAVE: _ClassVar[EmotePrivateType]
    EMOTE_PRIVATE_TYPE_GUESSING: _ClassVar[EmotePrivateType]

class EmoteScene(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    EMOTE_SCENE_SUBSCRIPTION: _ClassVar[EmoteScene]
    EMOTE_SCENE_GAME: _ClassVar[EmoteScene]
    EMOTE_SCENE_FANS_CLUB: _ClassVar[EmoteScene]

class EmoteType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    EMOTE_TYPE_EMOTE_TYPE_NORMAL: _ClassVar[EmoteType]
    EMOTE_TYPE_WITH_STICKER: _ClassVar[EmoteType]
    EMOTE_TYPE_EMOTE_TYPE_FANS: _ClassVar[EmoteType]

class GiftMessageIgnoreConfig(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    GIFT_MESSAGE_IGNORE_CONFIG_NOT_IGNORE: _ClassVar[GiftMessageIgnoreConfig]
    GIFT_MESSAGE_IGNORE_CONFIG_IGNORE_TRAY: _ClassVar[GiftMessageIgnoreConfig]
    GIFT_MESSAGE_IGNORE_CONFIG_IGNORE_PSM: _ClassVar[GiftMessageIgnoreConfig]
    GIFT_MESSAGE_IGNORE_CONFIG_IGNORE_TRAY_AND_PSM: _ClassVar[GiftMessageIgnoreConfig]

class GiftMessageVersion(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    GIFT_MESSAGE_VERSION_NUM_0: _ClassVar[GiftMessageVersion]
    GIFT_MESSAGE_VERSION_NUM_1: _ClassVar[GiftMessageVersion]

class GiftPanelBeaconBubbleType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    GIFT_PANEL_BEACON_BUBBLE_TYPE_GIFT_PANEL_BEACON_BUBBLE_TYPE_UNKNOWN: _ClassVar[GiftPanelBeaconBubbleType]
    GIFT_PANEL_BEACON_BUBBLE_TYPE_GIFT_PANEL_BEACON_BUBBLE_TYPE_DEFAULT: _ClassVar[GiftPanelBeaconBubbleType]
    GIFT_PANEL_BEACON_BUBBLE_TYPE_LYNX_DEFAULT: _ClassVar[GiftPanelBeaconBubbleType]
    GIFT_PANEL_BEACON_BUBBLE_TYPE_LIVE_GOAL: _ClassVar[GiftPanelBeaconBubbleType]
    GIFT_PANEL_BEACON_BUBBLE_TYPE_GIFT_GALLERY: _ClassVar[GiftPanelBeaconBubbleType]
    GIFT_PANEL_BEACON_BUBBLE_TYPE_UG_HIGH_PRIORITY: _ClassVar[GiftPanelBeaconBubbleType]
    GIFT_PANEL_BEACON_BUBBLE_TYPE_UG_LOW_PRIORITY: _ClassVar[GiftPanelBeaconBubbleType]
    GIFT_PANEL_BEACON_BUBBLE_TYPE_VIEWER_PICKS: _ClassVar[GiftPanelBeaconBubbleType]

class GiftShowType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    GIFT_SHOW_TYPE_GIFT_SHOW_DEFAULT: _ClassVar[GiftShowType]
    GIFT_SHOW_TYPE_GIFT_SHOW_NAME: _ClassVar[GiftShowType]

class GiftStructSchemeGiftType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    GIFT_STRUCT_SCHEME_GIFT_TYPE_SCHEME_GIFT_TYPE_NONE: _ClassVar[GiftStructSchemeGiftType]
    GIFT_STRUCT_SCHEME_GIFT_TYPE_SCHEME_GIFT_TYPE_MAGIC: _ClassVar[GiftStructSchemeGiftType]

class GiftTrayStyle(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    GIFT_TRAY_STYLE_GIFT_TRAY_STYLE_DEFAULT: _ClassVar[GiftTrayStyle]
    GIFT_TRAY_STYLE_GALLERY_REPURCHASE_FULL: _ClassVar[GiftTrayStyle]
    GIFT_TRAY_STYLE_GALLERY_REPURCHASE_BACKGROUND: _ClassVar[GiftTrayStyle]

class HitAbStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    HIT_AB_STATUS_NO_HIT: _ClassVar[HitAbStatus]
    HIT_AB_STATUS_ENTER_FROM_EXTERNAL_LINK_NEW_TEXT: _ClassVar[HitAbStatus]
    HIT_AB_STATUS_ENTER_FROM_RE_POST_NEW_TEXT: _ClassVar[HitAbStatus]

class HorizontalPaddingRule(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    HORIZONTAL_PADDING_RULE_USE_MIDDLE_AND_WIDTH: _ClassVar[HorizontalPaddingRule]
    HORIZONTAL_PADDING_RULE_USE_LEFT_AND_MIDDLE_AND_RIGHT: _ClassVar[HorizontalPaddingRule]

class LinkmicGiftExpressionStrategy(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LINKMIC_GIFT_EXPRESSION_STRATEGY_CONTROL_V1: _ClassVar[LinkmicGiftExpressionStrategy]
    LINKMIC_GIFT_EXPRESSION_STRATEGY_EXPERIMENT_V1: _ClassVar[LinkmicGiftExpressionStrategy]
    LINKMIC_GIFT_EXPRESSION_STRATEGY_EXPERIMENT_V2: _ClassVar[LinkmicGiftExpressionStrategy]

class LinkmicStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LINKMIC_STATUS_DISABLE: _ClassVar[LinkmicStatus]
    LINKMIC_STATUS_ENABLE: _ClassVar[LinkmicStatus]
    LINKMIC_STATUS_JUST_FOLLOWING: _ClassVar[LinkmicStatus]
    LINKMIC_STATUS_MULTI_LINKING: _ClassVar[LinkmicStatus]
    LINKMIC_STATUS_MULTI_LINKING_ONLY_FOLLOWING: _ClassVar[LinkmicStatus]

class LiveEventInfoEventPayMethod(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LIVE_EVENT_INFO_EVENT_PAY_METHOD_EVENT_PAY_METHOD_INVALID: _ClassVar[LiveEventInfoEventPayMethod]
    LIVE_EVENT_INFO_EVENT_PAY_METHOD_EVENT_PAY_METHOD_COINS: _ClassVar[LiveEventInfoEventPayMethod]
    LIVE_EVENT_INFO_EVENT_PAY_METHOD_EVENT_PAY_METHOD_CASH: _ClassVar[LiveEventInfoEventPayMethod]

class MatchInfoMultiplierType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MATCH_INFO_MULTIPLIER_TYPE_UNSPECIFIED: _ClassVar[MatchInfoMultiplierType]
    MATCH_INFO_MULTIPLIER_TYPE_CRITICAL_STRIKE: _ClassVar[MatchInfoMultiplierType]
    MATCH_INFO_MULTIPLIER_TYPE_TOP_2: _ClassVar[MatchInfoMultiplierType]
    MATCH_INFO_MULTIPLIER_TYPE_TOP_3: _ClassVar[MatchInfoMultiplierType]
    MATCH_INFO_MULTIPLIER_TYPE_VAULT_GLOVE: _ClassVar[MatchInfoMultiplierType]

class MemberMessageAction(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MEMBER_MESSAGE_ACTION_UNKNOWN: _ClassVar[MemberMessageAction]
    MEMBER_MESSAGE_ACTION_JOINED: _ClassVar[MemberMessageAction]
    MEMBER_MESSAGE_ACTION_SUBSCRIBED: _ClassVar[MemberMessageAction]

class PerceptionDialogIconType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_NONE: _ClassVar[PerceptionDialogIconType]
    PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_WARNING: _ClassVar[PerceptionDialogIconType]
    PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_LINKMIC: _ClassVar[PerceptionDialogIconType]
    PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_GUEST_LINKMIC: _ClassVar[PerceptionDialogIconType]
    PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_LIVE: _ClassVar[PerceptionDialogIconType]
    PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_TREASURE_BOX: _ClassVar[PerceptionDialogIconType]
    PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_MUTE: _ClassVar[PerceptionDialogIconType]
    PERCEPTION_DIALOG_ICON_TYPE_ICON_GAMEPAD_ACCESS_REVOKED: _ClassVar[PerceptionDialogIconType]
    PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_BAN_REPORT_LIVE_SINGLE_ROOM: _ClassVar[PerceptionDialogIconType]
    PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_BAN_REPORT_LIVE_ALL_ROOM: _ClassVar[PerceptionDialogIconType]
    PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_BAN_REPORT_LIVE_GREEN_SCREEN: _ClassVar[PerceptionDialogIconType]
    PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_GIFT: _ClassVar[PerceptionDialogIconType]
    PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_APPEAL_SUCCESS: _ClassVar[PerceptionDialogIconType]
    PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_MATCH: _ClassVar[PerceptionDialogIconType]
    PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_LIVE_GOAL: _ClassVar[PerceptionDialogIconType]
    PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_SUBSCRIPTION: _ClassVar[PerceptionDialogIconType]
    PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_STAR_COMMENT: _ClassVar[PerceptionDialogIconType]
    PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_RANKING: _ClassVar[PerceptionDialogIconType]
    PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_COMMON: _ClassVar[PerceptionDialogIconType]

class Position(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    POSITION_POSITION_UNKNOWN: _ClassVar[Position]
    POSITION_LEFT: _ClassVar[Position]
    POSITION_POSITION_RIGHT: _ClassVar[Position]

class PublicAreaMessageCommonCreatorSuccessInfoTopicDisplayLocation(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PUBLIC_AREA_MESSAGE_COMMON_CREATOR_SUCCESS_INFO_TOPIC_DISPLAY_LOCATION_DISPLAY_LOCATION_FULL_SCREEN: _ClassVar[PublicAreaMessageCommonCreatorSuccessInfoTopicDisplayLocation]
    PUBLIC_AREA_MESSAGE_COMMON_CREATOR_SUCCESS_INFO_TOPIC_DISPLAY_LOCATION_DISPLAY_LOCATION_PUBLIC_SCREEN: _ClassVar[PublicAreaMessageCommonCreatorSuccessInfoTopicDisplayLocation]
    PUBLIC_AREA_MESSAGE_COMMON_CREATOR_SUCCESS_INFO_TOPIC_DISPLAY_LOCATION_DISPLAY_LOCATION_BOTH: _ClassVar[PublicAreaMessageCommonCreatorSuccessInfoTopicDisplayLocation]

class PublicAreaMessageCommonPortraitInfoUserMetricsUserMetricsType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PUBLIC_AREA_MESSAGE_COMMON_PORTRAIT_INFO_USER_METRICS_USER_METRICS_TYPE_USER_METRICS_TYPE_UNKNOWN: _ClassVar[PublicAreaMessageCommonPortraitInfoUserMetricsUserMetricsType]
    PUBLIC_AREA_MESSAGE_COMMON_PORTRAIT_INFO_USER_METRICS_USER_METRICS_TYPE_USER_METRICS_TYPE_GRADE: _ClassVar[PublicAreaMessageCommonPortraitInfoUserMetricsUserMetricsType]
    PUBLIC_AREA_MESSAGE_COMMON_PORTRAIT_INFO_USER_METRICS_USER_METRICS_TYPE_USER_METRICS_TYPE_SUBSCRIBE: _ClassVar[PublicAreaMessageCommonPortraitInfoUserMetricsUserMetricsType]
    PUBLIC_AREA_MESSAGE_COMMON_PORTRAIT_INFO_USER_METRICS_USER_METRICS_TYPE_USER_METRICS_TYPE_FOLLOW: _ClassVar[PublicAreaMessageCommonPortraitInfoUserMetricsUserMetricsType]
    PUBLIC_AREA_MESSAGE_COMMON_PORTRAIT_INFO_USER_METRICS_USER_METRICS_TYPE_USER_METRICS_TYPE_FANS_CLUB: _ClassVar[PublicAreaMessageCommonPortraitInfoUserMetricsUserMetricsType]
    PUBLIC_AREA_MESSAGE_COMMON_PORTRAIT_INFO_USER_METRICS_USER_METRICS_TYPE_USER_METRICS_TYPE_TOP_VIEWER: _ClassVar[PublicAreaMessageCommonPortraitInfoUserMetricsUserMetricsType]
    PUBLIC_AREA_MESSAGE_COMMON_PORTRAIT_INFO_USER_METRICS_USER_METRICS_TYPE_USER_METRICS_TYPE_GIFT: _ClassVar[PublicAreaMessageCommonPortraitInfoUserMetricsUserMetricsType]

class PunishTypeId(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PUNISH_TYPE_ID_PUNISH_TYPE_IDUN_KNOWN: _ClassVar[PunishTypeId]
    PUNISH_TYPE_ID_BAN_LINKMIC: _ClassVar[PunishTypeId]
    PUNISH_TYPE_ID_BAN_GAME_PARTNERSHIP: _ClassVar[PunishTypeId]
    PUNISH_TYPE_ID_REMOVE_GAME_PARTNERSHIP: _ClassVar[PunishTypeId]
    PUNISH_TYPE_ID_BAN_COHOST_LINKMIC: _ClassVar[PunishTypeId]
    PUNISH_TYPE_ID_AUTHORITY_LIMIT_MATCH: _ClassVar[PunishTypeId]
    PUNISH_TYPE_ID_BAN_VOICE_CHAT: _ClassVar[PunishTypeId]
    PUNISH_TYPE_ID_BAN_LIVE_GOAL: _ClassVar[PunishTypeId]
    PUNISH_TYPE_ID_VIEWER_LIMIT: _ClassVar[PunishTypeId]
    PUNISH_TYPE_ID_LIVE_CONSOLE_BAN: _ClassVar[PunishTypeId]

class RewardCondition(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REWARD_CONDITION_REWARD_CONDITION_SUBSCRIPTION: _ClassVar[RewardCondition]
    REWARD_CONDITION_SUB_WAVE_CUSTOM: _ClassVar[RewardCondition]
    REWARD_CONDITION_REWARD_CONDITION_FANS_CLUB: _ClassVar[RewardCondition]

class SubSplitPeriod(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SUB_SPLIT_PERIOD_SUB_SPLIT_PERIOD_UNKNOWN: _ClassVar[SubSplitPeriod]
    SUB_SPLIT_PERIOD_ANNOUNCEMENT: _ClassVar[SubSplitPeriod]
    SUB_SPLIT_PERIOD_TRANSITION: _ClassVar[SubSplitPeriod]
    SUB_SPLIT_PERIOD_OFFICIAL: _ClassVar[SubSplitPeriod]

class TagType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_UNKNOWN: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_USER_GRADE: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_FANS_LEVEL: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_WATCH_ME_DAYS_AGO: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_CUSTOM: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_TITLE_GIFT: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_FIRST_JOINED_TEAM: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_PAY_ACCOMPANY_DAYS: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_SPONSOR_GIFT_LAST_ROOM: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_MATCH_MVP_LAST_ROOM: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_LARGE_AMOUNT_GIFT_LAST_ROOM: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_COMMENT_LAST_ROOM: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_RECENT_TITLED_GIFT: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_MEET_ANNIVERSARY: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_FANS_SLEEP: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_NOT_SEND_HEART_ME: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_NOT_JOIN_TEAM: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_FIRST_WATCH_LIVE: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_RECENT_COMMENT: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_RECENT_GIFT_TIMES: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_RECENT_WATCH_LIVE_DURATION: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_RECENT_GIFT: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_RECENT_LIVE_CONTRIBUTION_TOP: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_JUST_UPGRADE: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_FAN_TOTAL_WATCH_DURATION: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_FAN_TOTAL_COMMENT_NUM: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_FAN_TOTAL_GIFT_SENT_NUM: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_VAULT_HOLD_INVITATION: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_VAULT_GET_INVITATION_FROM_ROOM: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_VAULT_USER_RANK_TOP: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_VAULT_MOST_EXPENSIVE_GIFT_SENT_ALL_TIME: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_VAULT_MOST_EXPENSIVE_GIFT_SENT_LAST_ACTIVITY: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_VAULT_GIFT_ER: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_E_COMMERCE_TAG: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_NOT_FINISH_TICKET_TASK: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_GALLERY_PROGRESS: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_SEND_GIFT_NOT_FANS: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_WATCH_LIVE_NOT_FANS: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_TOP_3_NOT_FANS: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_UPGRADE_IN_ROOM: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_HIGH_VIEW: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_HIGH_VIEW_DURATION: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_HIGH_ACTIVE: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_HIGH_ACTIVE_NO_COMMENT: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_HIGH_VIEW_DURATION_NO_ACTIVE: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_REP_VIEWER: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_HIGH_VIEW_DURATION_THIS_ROOM: _ClassVar[TagType]
    TAG_TYPE_CREATOR_CRM_TAG_TYPE_HIGH_ACTIVE_THIS_ROOM: _ClassVar[TagType]
    TAG_TYPE_FANS_HIGHLIGHT: _ClassVar[TagType]

class TimerDetailAntidirtStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TIMER_DETAIL_ANTIDIRT_STATUS_PASS: _ClassVar[TimerDetailAntidirtStatus]
    TIMER_DETAIL_ANTIDIRT_STATUS_FAILED: _ClassVar[TimerDetailAntidirtStatus]

class TimerDetailAuditStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TIMER_DETAIL_AUDIT_STATUS_TIMER_DETAIL_AUDIT_STATUS_AUDIT_STATUS_UNKNOWN: _ClassVar[TimerDetailAuditStatus]
    TIMER_DETAIL_AUDIT_STATUS_AUDIT_STATUS_PASS: _ClassVar[TimerDetailAuditStatus]
    TIMER_DETAIL_AUDIT_STATUS_AUDIT_STATUS_FAILED: _ClassVar[TimerDetailAuditStatus]
    TIMER_DETAIL_AUDIT_STATUS_AUDIT_STATUS_REVIEWING: _ClassVar[TimerDetailAuditStatus]
    TIMER_DETAIL_AUDIT_STATUS_AUDIT_STATUS_FORBIDDEN: _ClassVar[TimerDetailAuditStatus]

class TimerDetailAuditTaskType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TIMER_DETAIL_AUDIT_TASK_TYPE_AUDIT_TASK_TYPE_DEFAULT: _ClassVar[TimerDetailAuditTaskType]
    TIMER_DETAIL_AUDIT_TASK_TYPE_AUDIT_TASK_TYPE_APPEAL: _ClassVar[TimerDetailAuditTaskType]

class TimerStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TIMER_STATUS_NOT_STARTED: _ClassVar[TimerStatus]
    TIMER_STATUS_RUNNING: _ClassVar[TimerStatus]
    TIMER_STATUS_PAUSED: _ClassVar[TimerStatus]
    TIMER_STATUS_CANCELLED: _ClassVar[TimerStatus]
    TIMER_STATUS_TIMER_STATUS_FINISHED: _ClassVar[TimerStatus]

class TopicActionType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TOPIC_ACTION_TYPE_UNKNOWN: _ClassVar[TopicActionType]
    TOPIC_ACTION_TYPE_FOLLOW: _ClassVar[TopicActionType]

class UserEcommerceEntranceCreatorType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    USER_ECOMMERCE_ENTRANCE_CREATOR_TYPE_UNDEFINED: _ClassVar[UserEcommerceEntranceCreatorType]
    USER_ECOMMERCE_ENTRANCE_CREATOR_TYPE_USER_ECOMMERCE_ENTRANCE_CREATOR_TYPE_OFFICIAL: _ClassVar[UserEcommerceEntranceCreatorType]
    USER_ECOMMERCE_ENTRANCE_CREATOR_TYPE_MARKET: _ClassVar[UserEcommerceEntranceCreatorType]
    USER_ECOMMERCE_ENTRANCE_CREATOR_TYPE_USER_ECOMMERCE_ENTRANCE_CREATOR_TYPE_NORMAL: _ClassVar[UserEcommerceEntranceCreatorType]

class UserEcommerceEntranceEntranceType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    USER_ECOMMERCE_ENTRANCE_ENTRANCE_TYPE_PROFILE: _ClassVar[UserEcommerceEntranceEntranceType]
    USER_ECOMMERCE_ENTRANCE_ENTRANCE_TYPE_SHOWCASE: _ClassVar[UserEcommerceEntranceEntranceType]
    USER_ECOMMERCE_ENTRANCE_ENTRANCE_TYPE_SHOP: _ClassVar[UserEcommerceEntranceEntranceType]

class UserEcommerceEntranceSellingPointLiveSellingPointType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    USER_ECOMMERCE_ENTRANCE_SELLING_POINT_LIVE_SELLING_POINT_TYPE_USER_ECOMMERCE_ENTRANCE_SELLING_POINT_LIVE_SELLING_POINT_TYPE_UNDEFINED: _ClassVar[UserEcommerceEntranceSellingPointLiveSellingPointType]
    USER_ECOMMERCE_ENTRANCE_SELLING_POINT_LIVE_SELLING_POINT_TYPE_QUALITY: _ClassVar[UserEcommerceEntranceSellingPointLiveSellingPointType]
    USER_ECOMMERCE_ENTRANCE_SELLING_POINT_LIVE_SELLING_POINT_TYPE_SOLD: _ClassVar[UserEcommerceEntranceSellingPointLiveSellingPointType]
    USER_ECOMMERCE_ENTRANCE_SELLING_POINT_LIVE_SELLING_POINT_TYPE_TRUST_BETTER_THAN_OTHER_SHOP: _ClassVar[UserEcommerceEntranceSellingPointLiveSellingPointType]
    USER_ECOMMERCE_ENTRANCE_SELLING_POINT_LIVE_SELLING_POINT_TYPE_TRUST_REPLY_IN_TIME: _ClassVar[UserEcommerceEntranceSellingPointLiveSellingPointType]
    USER_ECOMMERCE_ENTRANCE_SELLING_POINT_LIVE_SELLING_POINT_TYPE_TRUST_CREATE_SHIP_IN_TIME: _ClassVar[UserEcommerceEntranceSellingPointLiveSellingPointType]
    USER_ECOMMERCE_ENTRANCE_SELLING_POINT_LIVE_SELLING_POINT_TYPE_TRUST_POSITIVE_REVIEW_RATE: _ClassVar[UserEcommerceEntranceSellingPointLiveSellingPointType]

class UserEcommerceEntranceShopEntranceInfoStoreLabelShopIdentityLabelType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_SHOP_IDENTITY_LABEL_TYPE_USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_SHOP_IDENTITY_LABEL_TYPE_UNKNOWN: _ClassVar[UserEcommerceEntranceShopEntranceInfoStoreLabelShopIdentityLabelType]
    USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_SHOP_IDENTITY_LABEL_TYPE_TOP_BRAND: _ClassVar[UserEcommerceEntranceShopEntranceInfoStoreLabelShopIdentityLabelType]
    USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_SHOP_IDENTITY_LABEL_TYPE_OFFICIAL_SHOP: _ClassVar[UserEcommerceEntranceShopEntranceInfoStoreLabelShopIdentityLabelType]
    USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_SHOP_IDENTITY_LABEL_TYPE_AUTHORIZED_SHOP: _ClassVar[UserEcommerceEntranceShopEntranceInfoStoreLabelShopIdentityLabelType]
    USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_SHOP_IDENTITY_LABEL_TYPE_GOLDEN_SHOP: _ClassVar[UserEcommerceEntranceShopEntranceInfoStoreLabelShopIdentityLabelType]
    USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_SHOP_IDENTITY_LABEL_TYPE_SILVER_SHOP: _ClassVar[UserEcommerceEntranceShopEntranceInfoStoreLabelShopIdentityLabelType]
    USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_SHOP_IDENTITY_LABEL_TYPE_GB_TOP_BRAND: _ClassVar[UserEcommerceEntranceShopEntranceInfoStoreLabelShopIdentityLabelType]
    USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_SHOP_IDENTITY_LABEL_TYPE_MALL: _ClassVar[UserEcommerceEntranceShopEntranceInfoStoreLabelShopIdentityLabelType]
    USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_SHOP_IDENTITY_LABEL_TYPE_TOP_CHOICE: _ClassVar[UserEcommerceEntranceShopEntranceInfoStoreLabelShopIdentityLabelType]
    USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_SHOP_IDENTITY_LABEL_TYPE_NORMAL_BLUE_V: _ClassVar[UserEcommerceEntranceShopEntranceInfoStoreLabelShopIdentityLabelType]

class UserEcommerceEntranceShopEntranceInfoStoreLabelStoreBrandLabelType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_STORE_BRAND_LABEL_TYPE_USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_STORE_BRAND_LABEL_TYPE_NONE: _ClassVar[UserEcommerceEntranceShopEntranceInfoStoreLabelStoreBrandLabelType]
    USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_STORE_BRAND_LABEL_TYPE_USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_STORE_BRAND_LABEL_TYPE_OFFICIAL: _ClassVar[UserEcommerceEntranceShopEntranceInfoStoreLabelStoreBrandLabelType]
    USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_STORE_BRAND_LABEL_TYPE_AUTHORIZED: _ClassVar[UserEcommerceEntranceShopEntranceInfoStoreLabelStoreBrandLabelType]
    USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_STORE_BRAND_LABEL_TYPE_STORE_BRAND_LABEL_TYPE_BLUE_V: _ClassVar[UserEcommerceEntranceShopEntranceInfoStoreLabelStoreBrandLabelType]
    USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_STORE_BRAND_LABEL_TYPE_STORE_BRAND_LABEL_TYPE_TOP_CHOICE: _ClassVar[UserEcommerceEntranceShopEntranceInfoStoreLabelStoreBrandLabelType]
    USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_STORE_BRAND_LABEL_TYPE_STORE_BRAND_LABEL_TYPE_MALL: _ClassVar[UserEcommerceEntranceShopEntranceInfoStoreLabelStoreBrandLabelType]

class UserEcommerceEntranceViewVersion(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    USER_ECOMMERCE_ENTRANCE_VIEW_VERSION_VIEW_VERSION_UNKNOWN: _ClassVar[UserEcommerceEntranceViewVersion]
    USER_ECOMMERCE_ENTRANCE_VIEW_VERSION_VIEW_VERSION_STAR_SHOP: _ClassVar[UserEcommerceEntranceViewVersion]

class UserEmoteUploadSource(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    USER_EMOTE_UPLOAD_SOURCE_EMOTE_UPLOAD_SOURCE_ANCHOR: _ClassVar[UserEmoteUploadSource]
    USER_EMOTE_UPLOAD_SOURCE_EMOTE_UPLOAD_SOURCE_SUBSCRIBER: _ClassVar[UserEmoteUploadSource]
    USER_EMOTE_UPLOAD_SOURCE_EMOTE_UPLOAD_SOURCE_MODERATOR: _ClassVar[UserEmoteUploadSource]
    USER_EMOTE_UPLOAD_SOURCE_EMOTE_UPLOAD_SOURCE_AI: _ClassVar[UserEmoteUploadSource]

class UserFansClubFansClubDataUserFansClubStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    USER_FANS_CLUB_FANS_CLUB_DATA_USER_FANS_CLUB_STATUS_NOT_JOINED: _ClassVar[UserFansClubFansClubDataUserFansClubStatus]
    USER_FANS_CLUB_FANS_CLUB_DATA_USER_FANS_CLUB_STATUS_ACTIVE: _ClassVar[UserFansClubFansClubDataUserFansClubStatus]
    USER_FANS_CLUB_FANS_CLUB_DATA_USER_FANS_CLUB_STATUS_INACTIVE: _ClassVar[UserFansClubFansClubDataUserFansClubStatus]

class UserSubscribeInfoPayStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    USER_SUBSCRIBE_INFO_PAY_STATUS_SUB_STATUS_UNKNOWN: _ClassVar[UserSubscribeInfoPayStatus]
    USER_SUBSCRIBE_INFO_PAY_STATUS_SUB_STATUS_ONE_TIME: _ClassVar[UserSubscribeInfoPayStatus]
    USER_SUBSCRIBE_INFO_PAY_STATUS_SUB_STATUS_AUTO_DEDUCTION: _ClassVar[UserSubscribeInfoPayStatus]
    USER_SUBSCRIBE_INFO_PAY_STATUS_SUB_STATUS_AUTO_DEDUCTION_CANCELED: _ClassVar[UserSubscribeInfoPayStatus]
    USER_SUBSCRIBE_INFO_PAY_STATUS_SUB_STATUS_REVOKE: _ClassVar[UserSubscribeInfoPayStatus]

class VerticalPaddingRule(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    VERTICAL_PADDING_RULE_USE_DEFAULT: _ClassVar[VerticalPaddingRule]
    VERTICAL_PADDING_RULE_USE_TOP_AND_BOTTOM: _ClassVar[VerticalPaddingRule]
ACTION_BUTTON_TYPE_UNKNOWN: ActionButtonType
ACTION_BUTTON_TYPE_FOLLOW: ActionButtonType
ACTION_BUTTON_TYPE_SET_GOAL: ActionButtonType
ACTION_BUTTON_TYPE_START_MATCH: ActionButtonType
ACTION_BUTTON_TYPE_ADD_STICKER: ActionButtonType
ACTION_BUTTON_TYPE_ADD_CRM_STICKER: ActionButtonType
ACTION_BUTTON_TYPE_START_COHOST: ActionButtonType
ACTION_BUTTON_TYPE_INVITE_LEVEL_UP_GAMEPLAY: ActionButtonType
ACTION_BUTTON_TYPE_SEND_GOODY_BAG: ActionButtonType
ACTION_BUTTON_TYPE_PIN_MESSAGE: ActionButtonType
ACTION_BUTTON_TYPE_ACTIVATE_UPGRADE_GIFT_GALLERY: ActionButtonType
ACTION_BUTTON_TYPE_SET_FANS_CLUB_ID: ActionButtonType
ACTION_BUTTON_TYPE_VIEWER_WISH: ActionButtonType
ACTION_BUTTON_TYPE_OPEN_PLAY_BOOK: ActionButtonType
ACTION_BUTTON_TYPE_LIVE_GOAL_PIN: ActionButtonType
ACTION_BUTTON_TYPE_GUESSING_GAME: ActionButtonType
ACTION_BUTTON_TYPE_LAUNCH_GAME_QUIZ: ActionButtonType
ACTION_BUTTON_TYPE_PIN_COMMENT: ActionButtonType
ACTION_BUTTON_TYPE_INVITE_ON_MIC: ActionButtonType
AUDIT_STATUS_AUDIT_STATUS_UNKNOWN: AuditStatus
AUDIT_STATUS_PASS: AuditStatus
AUDIT_STATUS_FAILED: AuditStatus
AUDIT_STATUS_REVIEWING: AuditStatus
AUDIT_STATUS_FORBIDDEN: AuditStatus
AUDIT_TASK_TYPE_DEFAULT: AuditTaskType
AUDIT_TASK_TYPE_APPEAL: AuditTaskType
BADGE_DISPLAY_TYPE_BADGE_DISPLAY_TYPE_UNKNOWN: BadgeDisplayType
BADGE_DISPLAY_TYPE_IMAGE: BadgeDisplayType
BADGE_DISPLAY_TYPE_TEXT: BadgeDisplayType
BADGE_DISPLAY_TYPE_STRING: BadgeDisplayType
BADGE_DISPLAY_TYPE_COMBINE: BadgeDisplayType
BADGE_EXHIBITION_TYPE_BADGE: BadgeExhibitionType
BADGE_EXHIBITION_TYPE_IDENTITY_LABEL: BadgeExhibitionType
BADGE_PRIORITY_TYPE_BADGE_PRIORITY_TYPE_UNKNOWN: BadgePriorityType
BADGE_PRIORITY_TYPE_STRONG_RELATION: BadgePriorityType
BADGE_PRIORITY_TYPE_PLATFORM: BadgePriorityType
BADGE_PRIORITY_TYPE_RELATION: BadgePriorityType
BADGE_PRIORITY_TYPE_ACTIVITY: BadgePriorityType
BADGE_PRIORITY_TYPE_RANK_LIST: BadgePriorityType
BADGE_SCENE_TYPE_BADGE_SCENE_TYPE_UNKNOWN: BadgeSceneType
BADGE_SCENE_TYPE_ADMIN: BadgeSceneType
BADGE_SCENE_TYPE_FIRST_RECHARGE: BadgeSceneType
BADGE_SCENE_TYPE_FRIENDS: BadgeSceneType
BADGE_SCENE_TYPE_SUBSCRIBER: BadgeSceneType
BADGE_SCENE_TYPE_BADGE_SCENE_TYPE_ACTIVITY: BadgeSceneType
BADGE_SCENE_TYPE_BADGE_SCENE_TYPE_RANK_LIST: BadgeSceneType
BADGE_SCENE_TYPE_NEW_SUBSCRIBER: BadgeSceneType
BADGE_SCENE_TYPE_USER_GRADE: BadgeSceneType
BADGE_SCENE_TYPE_STATE_CONTROLLED_MEDIA: BadgeSceneType
BADGE_SCENE_TYPE_FANS: BadgeSceneType
BADGE_SCENE_TYPE_LIVE_PRO: BadgeSceneType
BADGE_SCENE_TYPE_ANCHOR: BadgeSceneType
BADGE_SCENE_TYPE_CLASS_RANK: BadgeSceneType
BADGE_SCENE_TYPE_ENIGMA: BadgeSceneType
BADGE_TEXT_POSITION_BADGE_TEXT_POSITION_UNKNOWN: BadgeTextPosition
BADGE_TEXT_POSITION_RIGHT: BadgeTextPosition
BADGE_TEXT_POSITION_BELOW: BadgeTextPosition
COMMENT_TAG_NORMAL: CommentTag
COMMENT_TAG_CANDIDATE: CommentTag
COMMENT_TAG_OVERAGE: CommentTag
CONTENT_SOURCE_CONTENT_SOURCE_UNKNOWN: ContentSource
CONTENT_SOURCE_CONTENT_SOURCE_NORMAL: ContentSource
CONTENT_SOURCE_CAMERA: ContentSource
CONTROL_ACTION_FALLBACK_UNKNOWN: ControlAction
CONTROL_ACTION_STREAM_PAUSED: ControlAction
CONTROL_ACTION_STREAM_UNPAUSED: ControlAction
CONTROL_ACTION_STREAM_ENDED: ControlAction
CONTROL_ACTION_STREAM_SUSPENDED: ControlAction
DISPLAY_STATUS_DISPLAY_STATUS_NORMAL: DisplayStatus
DISPLAY_STATUS_SHADOW: DisplayStatus
DISPLAY_STYLE_DISPLAY_STYLE_NORMAL: DisplayStyle
DISPLAY_STYLE_STAY: DisplayStyle
DISPLAY_STYLE_CHAT: DisplayStyle
EMOTE_PRIVATE_TYPE_EMOTE_PRIVATE_TYPE_NORMAL: EmotePrivateType
EMOTE_PRIVATE_TYPE_SUB_WAVE: EmotePrivateType
EMOTE_PRIVATE_TYPE_GUESSING: EmotePrivateType
EMOTE_SCENE_SUBSCRIPTION: EmoteScene
EMOTE_SCENE_GAME: EmoteScene
EMOTE_SCENE_FANS_CLUB: EmoteScene
EMOTE_TYPE_EMOTE_TYPE_NORMAL: EmoteType
EMOTE_TYPE_WITH_STICKER: EmoteType
EMOTE_TYPE_EMOTE_TYPE_FANS: EmoteType
GIFT_MESSAGE_IGNORE_CONFIG_NOT_IGNORE: GiftMessageIgnoreConfig
GIFT_MESSAGE_IGNORE_CONFIG_IGNORE_TRAY: GiftMessageIgnoreConfig
GIFT_MESSAGE_IGNORE_CONFIG_IGNORE_PSM: GiftMessageIgnoreConfig
GIFT_MESSAGE_IGNORE_CONFIG_IGNORE_TRAY_AND_PSM: GiftMessageIgnoreConfig
GIFT_MESSAGE_VERSION_NUM_0: GiftMessageVersion
GIFT_MESSAGE_VERSION_NUM_1: GiftMessageVersion
GIFT_PANEL_BEACON_BUBBLE_TYPE_GIFT_PANEL_BEACON_BUBBLE_TYPE_UNKNOWN: GiftPanelBeaconBubbleType
GIFT_PANEL_BEACON_BUBBLE_TYPE_GIFT_PANEL_BEACON_BUBBLE_TYPE_DEFAULT: GiftPanelBeaconBubbleType
GIFT_PANEL_BEACON_BUBBLE_TYPE_LYNX_DEFAULT: GiftPanelBeaconBubbleType
GIFT_PANEL_BEACON_BUBBLE_TYPE_LIVE_GOAL: GiftPanelBeaconBubbleType
GIFT_PANEL_BEACON_BUBBLE_TYPE_GIFT_GALLERY: GiftPanelBeaconBubbleType
GIFT_PANEL_BEACON_BUBBLE_TYPE_UG_HIGH_PRIORITY: GiftPanelBeaconBubbleType
GIFT_PANEL_BEACON_BUBBLE_TYPE_UG_LOW_PRIORITY: GiftPanelBeaconBubbleType
GIFT_PANEL_BEACON_BUBBLE_TYPE_VIEWER_PICKS: GiftPanelBeaconBubbleType
GIFT_SHOW_TYPE_GIFT_SHOW_DEFAULT: GiftShowType
GIFT_SHOW_TYPE_GIFT_SHOW_NAME: GiftShowType
GIFT_STRUCT_SCHEME_GIFT_TYPE_SCHEME_GIFT_TYPE_NONE: GiftStructSchemeGiftType
GIFT_STRUCT_SCHEME_GIFT_TYPE_SCHEME_GIFT_TYPE_MAGIC: GiftStructSchemeGiftType
GIFT_TRAY_STYLE_GIFT_TRAY_STYLE_DEFAULT: GiftTrayStyle
GIFT_TRAY_STYLE_GALLERY_REPURCHASE_FULL: GiftTrayStyle
GIFT_TRAY_STYLE_GALLERY_REPURCHASE_BACKGROUND: GiftTrayStyle
HIT_AB_STATUS_NO_HIT: HitAbStatus
HIT_AB_STATUS_ENTER_FROM_EXTERNAL_LINK_NEW_TEXT: HitAbStatus
HIT_AB_STATUS_ENTER_FROM_RE_POST_NEW_TEXT: HitAbStatus
HORIZONTAL_PADDING_RULE_USE_MIDDLE_AND_WIDTH: HorizontalPaddingRule
HORIZONTAL_PADDING_RULE_USE_LEFT_AND_MIDDLE_AND_RIGHT: HorizontalPaddingRule
LINKMIC_GIFT_EXPRESSION_STRATEGY_CONTROL_V1: LinkmicGiftExpressionStrategy
LINKMIC_GIFT_EXPRESSION_STRATEGY_EXPERIMENT_V1: LinkmicGiftExpressionStrategy
LINKMIC_GIFT_EXPRESSION_STRATEGY_EXPERIMENT_V2: LinkmicGiftExpressionStrategy
LINKMIC_STATUS_DISABLE: LinkmicStatus
LINKMIC_STATUS_ENABLE: LinkmicStatus
LINKMIC_STATUS_JUST_FOLLOWING: LinkmicStatus
LINKMIC_STATUS_MULTI_LINKING: LinkmicStatus
LINKMIC_STATUS_MULTI_LINKING_ONLY_FOLLOWING: LinkmicStatus
LIVE_EVENT_INFO_EVENT_PAY_METHOD_EVENT_PAY_METHOD_INVALID: LiveEventInfoEventPayMethod
LIVE_EVENT_INFO_EVENT_PAY_METHOD_EVENT_PAY_METHOD_COINS: LiveEventInfoEventPayMethod
LIVE_EVENT_INFO_EVENT_PAY_METHOD_EVENT_PAY_METHOD_CASH: LiveEventInfoEventPayMethod
MATCH_INFO_MULTIPLIER_TYPE_UNSPECIFIED: MatchInfoMultiplierType
MATCH_INFO_MULTIPLIER_TYPE_CRITICAL_STRIKE: MatchInfoMultiplierType
MATCH_INFO_MULTIPLIER_TYPE_TOP_2: MatchInfoMultiplierType
MATCH_INFO_MULTIPLIER_TYPE_TOP_3: MatchInfoMultiplierType
MATCH_INFO_MULTIPLIER_TYPE_VAULT_GLOVE: MatchInfoMultiplierType
MEMBER_MESSAGE_ACTION_UNKNOWN: MemberMessageAction
MEMBER_MESSAGE_ACTION_JOINED: MemberMessageAction
MEMBER_MESSAGE_ACTION_SUBSCRIBED: MemberMessageAction
PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_NONE: PerceptionDialogIconType
PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_WARNING: PerceptionDialogIconType
PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_LINKMIC: PerceptionDialogIconType
PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_GUEST_LINKMIC: PerceptionDialogIconType
PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_LIVE: PerceptionDialogIconType
PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_TREASURE_BOX: PerceptionDialogIconType
PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_MUTE: PerceptionDialogIconType
PERCEPTION_DIALOG_ICON_TYPE_ICON_GAMEPAD_ACCESS_REVOKED: PerceptionDialogIconType
PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_BAN_REPORT_LIVE_SINGLE_ROOM: PerceptionDialogIconType
PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_BAN_REPORT_LIVE_ALL_ROOM: PerceptionDialogIconType
PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_BAN_REPORT_LIVE_GREEN_SCREEN: PerceptionDialogIconType
PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_GIFT: PerceptionDialogIconType
PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_APPEAL_SUCCESS: PerceptionDialogIconType
PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_MATCH: PerceptionDialogIconType
PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_LIVE_GOAL: PerceptionDialogIconType
PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_SUBSCRIPTION: PerceptionDialogIconType
PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_STAR_COMMENT: PerceptionDialogIconType
PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_RANKING: PerceptionDialogIconType
PERCEPTION_DIALOG_ICON_TYPE_ICON_TYPE_COMMON: PerceptionDialogIconType
POSITION_POSITION_UNKNOWN: Position
POSITION_LEFT: Position
POSITION_POSITION_RIGHT: Position
PUBLIC_AREA_MESSAGE_COMMON_CREATOR_SUCCESS_INFO_TOPIC_DISPLAY_LOCATION_DISPLAY_LOCATION_FULL_SCREEN: PublicAreaMessageCommonCreatorSuccessInfoTopicDisplayLocation
PUBLIC_AREA_MESSAGE_COMMON_CREATOR_SUCCESS_INFO_TOPIC_DISPLAY_LOCATION_DISPLAY_LOCATION_PUBLIC_SCREEN: PublicAreaMessageCommonCreatorSuccessInfoTopicDisplayLocation
PUBLIC_AREA_MESSAGE_COMMON_CREATOR_SUCCESS_INFO_TOPIC_DISPLAY_LOCATION_DISPLAY_LOCATION_BOTH: PublicAreaMessageCommonCreatorSuccessInfoTopicDisplayLocation
PUBLIC_AREA_MESSAGE_COMMON_PORTRAIT_INFO_USER_METRICS_USER_METRICS_TYPE_USER_METRICS_TYPE_UNKNOWN: PublicAreaMessageCommonPortraitInfoUserMetricsUserMetricsType
PUBLIC_AREA_MESSAGE_COMMON_PORTRAIT_INFO_USER_METRICS_USER_METRICS_TYPE_USER_METRICS_TYPE_GRADE: PublicAreaMessageCommonPortraitInfoUserMetricsUserMetricsType
PUBLIC_AREA_MESSAGE_COMMON_PORTRAIT_INFO_USER_METRICS_USER_METRICS_TYPE_USER_METRICS_TYPE_SUBSCRIBE: PublicAreaMessageCommonPortraitInfoUserMetricsUserMetricsType
PUBLIC_AREA_MESSAGE_COMMON_PORTRAIT_INFO_USER_METRICS_USER_METRICS_TYPE_USER_METRICS_TYPE_FOLLOW: PublicAreaMessageCommonPortraitInfoUserMetricsUserMetricsType
PUBLIC_AREA_MESSAGE_COMMON_PORTRAIT_INFO_USER_METRICS_USER_METRICS_TYPE_USER_METRICS_TYPE_FANS_CLUB: PublicAreaMessageCommonPortraitInfoUserMetricsUserMetricsType
PUBLIC_AREA_MESSAGE_COMMON_PORTRAIT_INFO_USER_METRICS_USER_METRICS_TYPE_USER_METRICS_TYPE_TOP_VIEWER: PublicAreaMessageCommonPortraitInfoUserMetricsUserMetricsType
PUBLIC_AREA_MESSAGE_COMMON_PORTRAIT_INFO_USER_METRICS_USER_METRICS_TYPE_USER_METRICS_TYPE_GIFT: PublicAreaMessageCommonPortraitInfoUserMetricsUserMetricsType
PUNISH_TYPE_ID_PUNISH_TYPE_IDUN_KNOWN: PunishTypeId
PUNISH_TYPE_ID_BAN_LINKMIC: PunishTypeId
PUNISH_TYPE_ID_BAN_GAME_PARTNERSHIP: PunishTypeId
PUNISH_TYPE_ID_REMOVE_GAME_PARTNERSHIP: PunishTypeId
PUNISH_TYPE_ID_BAN_COHOST_LINKMIC: PunishTypeId
PUNISH_TYPE_ID_AUTHORITY_LIMIT_MATCH: PunishTypeId
PUNISH_TYPE_ID_BAN_VOICE_CHAT: PunishTypeId
PUNISH_TYPE_ID_BAN_LIVE_GOAL: PunishTypeId
PUNISH_TYPE_ID_VIEWER_LIMIT: PunishTypeId
PUNISH_TYPE_ID_LIVE_CONSOLE_BAN: PunishTypeId
REWARD_CONDITION_REWARD_CONDITION_SUBSCRIPTION: RewardCondition
REWARD_CONDITION_SUB_WAVE_CUSTOM: RewardCondition
REWARD_CONDITION_REWARD_CONDITION_FANS_CLUB: RewardCondition
SUB_SPLIT_PERIOD_SUB_SPLIT_PERIOD_UNKNOWN: SubSplitPeriod
SUB_SPLIT_PERIOD_ANNOUNCEMENT: SubSplitPeriod
SUB_SPLIT_PERIOD_TRANSITION: SubSplitPeriod
SUB_SPLIT_PERIOD_OFFICIAL: SubSplitPeriod
TAG_TYPE_CREATOR_CRM_TAG_TYPE_UNKNOWN: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_USER_GRADE: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_FANS_LEVEL: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_WATCH_ME_DAYS_AGO: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_CUSTOM: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_TITLE_GIFT: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_FIRST_JOINED_TEAM: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_PAY_ACCOMPANY_DAYS: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_SPONSOR_GIFT_LAST_ROOM: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_MATCH_MVP_LAST_ROOM: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_LARGE_AMOUNT_GIFT_LAST_ROOM: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_COMMENT_LAST_ROOM: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_RECENT_TITLED_GIFT: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_MEET_ANNIVERSARY: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_FANS_SLEEP: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_NOT_SEND_HEART_ME: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_NOT_JOIN_TEAM: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_FIRST_WATCH_LIVE: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_RECENT_COMMENT: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_RECENT_GIFT_TIMES: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_RECENT_WATCH_LIVE_DURATION: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_RECENT_GIFT: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_RECENT_LIVE_CONTRIBUTION_TOP: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_JUST_UPGRADE: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_FAN_TOTAL_WATCH_DURATION: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_FAN_TOTAL_COMMENT_NUM: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_FAN_TOTAL_GIFT_SENT_NUM: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_VAULT_HOLD_INVITATION: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_VAULT_GET_INVITATION_FROM_ROOM: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_VAULT_USER_RANK_TOP: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_VAULT_MOST_EXPENSIVE_GIFT_SENT_ALL_TIME: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_VAULT_MOST_EXPENSIVE_GIFT_SENT_LAST_ACTIVITY: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_VAULT_GIFT_ER: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_E_COMMERCE_TAG: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_NOT_FINISH_TICKET_TASK: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_GALLERY_PROGRESS: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_SEND_GIFT_NOT_FANS: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_WATCH_LIVE_NOT_FANS: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_TOP_3_NOT_FANS: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_UPGRADE_IN_ROOM: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_HIGH_VIEW: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_HIGH_VIEW_DURATION: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_HIGH_ACTIVE: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_HIGH_ACTIVE_NO_COMMENT: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_HIGH_VIEW_DURATION_NO_ACTIVE: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_REP_VIEWER: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_HIGH_VIEW_DURATION_THIS_ROOM: TagType
TAG_TYPE_CREATOR_CRM_TAG_TYPE_HIGH_ACTIVE_THIS_ROOM: TagType
TAG_TYPE_FANS_HIGHLIGHT: TagType
TIMER_DETAIL_ANTIDIRT_STATUS_PASS: TimerDetailAntidirtStatus
TIMER_DETAIL_ANTIDIRT_STATUS_FAILED: TimerDetailAntidirtStatus
TIMER_DETAIL_AUDIT_STATUS_TIMER_DETAIL_AUDIT_STATUS_AUDIT_STATUS_UNKNOWN: TimerDetailAuditStatus
TIMER_DETAIL_AUDIT_STATUS_AUDIT_STATUS_PASS: TimerDetailAuditStatus
TIMER_DETAIL_AUDIT_STATUS_AUDIT_STATUS_FAILED: TimerDetailAuditStatus
TIMER_DETAIL_AUDIT_STATUS_AUDIT_STATUS_REVIEWING: TimerDetailAuditStatus
TIMER_DETAIL_AUDIT_STATUS_AUDIT_STATUS_FORBIDDEN: TimerDetailAuditStatus
TIMER_DETAIL_AUDIT_TASK_TYPE_AUDIT_TASK_TYPE_DEFAULT: TimerDetailAuditTaskType
TIMER_DETAIL_AUDIT_TASK_TYPE_AUDIT_TASK_TYPE_APPEAL: TimerDetailAuditTaskType
TIMER_STATUS_NOT_STARTED: TimerStatus
TIMER_STATUS_RUNNING: TimerStatus
TIMER_STATUS_PAUSED: TimerStatus
TIMER_STATUS_CANCELLED: TimerStatus
TIMER_STATUS_TIMER_STATUS_FINISHED: TimerStatus
TOPIC_ACTION_TYPE_UNKNOWN: TopicActionType
TOPIC_ACTION_TYPE_FOLLOW: TopicActionType
USER_ECOMMERCE_ENTRANCE_CREATOR_TYPE_UNDEFINED: UserEcommerceEntranceCreatorType
USER_ECOMMERCE_ENTRANCE_CREATOR_TYPE_USER_ECOMMERCE_ENTRANCE_CREATOR_TYPE_OFFICIAL: UserEcommerceEntranceCreatorType
USER_ECOMMERCE_ENTRANCE_CREATOR_TYPE_MARKET: UserEcommerceEntranceCreatorType
USER_ECOMMERCE_ENTRANCE_CREATOR_TYPE_USER_ECOMMERCE_ENTRANCE_CREATOR_TYPE_NORMAL: UserEcommerceEntranceCreatorType
USER_ECOMMERCE_ENTRANCE_ENTRANCE_TYPE_PROFILE: UserEcommerceEntranceEntranceType
USER_ECOMMERCE_ENTRANCE_ENTRANCE_TYPE_SHOWCASE: UserEcommerceEntranceEntranceType
USER_ECOMMERCE_ENTRANCE_ENTRANCE_TYPE_SHOP: UserEcommerceEntranceEntranceType
USER_ECOMMERCE_ENTRANCE_SELLING_POINT_LIVE_SELLING_POINT_TYPE_USER_ECOMMERCE_ENTRANCE_SELLING_POINT_LIVE_SELLING_POINT_TYPE_UNDEFINED: UserEcommerceEntranceSellingPointLiveSellingPointType
USER_ECOMMERCE_ENTRANCE_SELLING_POINT_LIVE_SELLING_POINT_TYPE_QUALITY: UserEcommerceEntranceSellingPointLiveSellingPointType
USER_ECOMMERCE_ENTRANCE_SELLING_POINT_LIVE_SELLING_POINT_TYPE_SOLD: UserEcommerceEntranceSellingPointLiveSellingPointType
USER_ECOMMERCE_ENTRANCE_SELLING_POINT_LIVE_SELLING_POINT_TYPE_TRUST_BETTER_THAN_OTHER_SHOP: UserEcommerceEntranceSellingPointLiveSellingPointType
USER_ECOMMERCE_ENTRANCE_SELLING_POINT_LIVE_SELLING_POINT_TYPE_TRUST_REPLY_IN_TIME: UserEcommerceEntranceSellingPointLiveSellingPointType
USER_ECOMMERCE_ENTRANCE_SELLING_POINT_LIVE_SELLING_POINT_TYPE_TRUST_CREATE_SHIP_IN_TIME: UserEcommerceEntranceSellingPointLiveSellingPointType
USER_ECOMMERCE_ENTRANCE_SELLING_POINT_LIVE_SELLING_POINT_TYPE_TRUST_POSITIVE_REVIEW_RATE: UserEcommerceEntranceSellingPointLiveSellingPointType
USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_SHOP_IDENTITY_LABEL_TYPE_USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_SHOP_IDENTITY_LABEL_TYPE_UNKNOWN: UserEcommerceEntranceShopEntranceInfoStoreLabelShopIdentityLabelType
USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_SHOP_IDENTITY_LABEL_TYPE_TOP_BRAND: UserEcommerceEntranceShopEntranceInfoStoreLabelShopIdentityLabelType
USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_SHOP_IDENTITY_LABEL_TYPE_OFFICIAL_SHOP: UserEcommerceEntranceShopEntranceInfoStoreLabelShopIdentityLabelType
USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_SHOP_IDENTITY_LABEL_TYPE_AUTHORIZED_SHOP: UserEcommerceEntranceShopEntranceInfoStoreLabelShopIdentityLabelType
USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_SHOP_IDENTITY_LABEL_TYPE_GOLDEN_SHOP: UserEcommerceEntranceShopEntranceInfoStoreLabelShopIdentityLabelType
USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_SHOP_IDENTITY_LABEL_TYPE_SILVER_SHOP: UserEcommerceEntranceShopEntranceInfoStoreLabelShopIdentityLabelType
USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_SHOP_IDENTITY_LABEL_TYPE_GB_TOP_BRAND: UserEcommerceEntranceShopEntranceInfoStoreLabelShopIdentityLabelType
USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_SHOP_IDENTITY_LABEL_TYPE_MALL: UserEcommerceEntranceShopEntranceInfoStoreLabelShopIdentityLabelType
USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_SHOP_IDENTITY_LABEL_TYPE_TOP_CHOICE: UserEcommerceEntranceShopEntranceInfoStoreLabelShopIdentityLabelType
USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_SHOP_IDENTITY_LABEL_TYPE_NORMAL_BLUE_V: UserEcommerceEntranceShopEntranceInfoStoreLabelShopIdentityLabelType
USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_STORE_BRAND_LABEL_TYPE_USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_STORE_BRAND_LABEL_TYPE_NONE: UserEcommerceEntranceShopEntranceInfoStoreLabelStoreBrandLabelType
USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_STORE_BRAND_LABEL_TYPE_USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_STORE_BRAND_LABEL_TYPE_OFFICIAL: UserEcommerceEntranceShopEntranceInfoStoreLabelStoreBrandLabelType
USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_STORE_BRAND_LABEL_TYPE_AUTHORIZED: UserEcommerceEntranceShopEntranceInfoStoreLabelStoreBrandLabelType
USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_STORE_BRAND_LABEL_TYPE_STORE_BRAND_LABEL_TYPE_BLUE_V: UserEcommerceEntranceShopEntranceInfoStoreLabelStoreBrandLabelType
USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_STORE_BRAND_LABEL_TYPE_STORE_BRAND_LABEL_TYPE_TOP_CHOICE: UserEcommerceEntranceShopEntranceInfoStoreLabelStoreBrandLabelType
USER_ECOMMERCE_ENTRANCE_SHOP_ENTRANCE_INFO_STORE_LABEL_STORE_BRAND_LABEL_TYPE_STORE_BRAND_LABEL_TYPE_MALL: UserEcommerceEntranceShopEntranceInfoStoreLabelStoreBrandLabelType
USER_ECOMMERCE_ENTRANCE_VIEW_VERSION_VIEW_VERSION_UNKNOWN: UserEcommerceEntranceViewVersion
USER_ECOMMERCE_ENTRANCE_VIEW_VERSION_VIEW_VERSION_STAR_SHOP: UserEcommerceEntranceViewVersion
USER_EMOTE_UPLOAD_SOURCE_EMOTE_UPLOAD_SOURCE_ANCHOR: UserEmoteUploadSource
USER_EMOTE_UPLOAD_SOURCE_EMOTE_UPLOAD_SOURCE_SUBSCRIBER: UserEmoteUploadSource
USER_EMOTE_UPLOAD_SOURCE_EMOTE_UPLOAD_SOURCE_MODERATOR: UserEmoteUploadSource
USER_EMOTE_UPLOAD_SOURCE_EMOTE_UPLOAD_SOURCE_AI: UserEmoteUploadSource
USER_FANS_CLUB_FANS_CLUB_DATA_USER_FANS_CLUB_STATUS_NOT_JOINED: UserFansClubFansClubDataUserFansClubStatus
USER_FANS_CLUB_FANS_CLUB_DATA_USER_FANS_CLUB_STATUS_ACTIVE: UserFansClubFansClubDataUserFansClubStatus
USER_FANS_CLUB_FANS_CLUB_DATA_USER_FANS_CLUB_STATUS_INACTIVE: UserFansClubFansClubDataUserFansClubStatus
USER_SUBSCRIBE_INFO_PAY_STATUS_SUB_STATUS_UNKNOWN: UserSubscribeInfoPayStatus
USER_SUBSCRIBE_INFO_PAY_STATUS_SUB_STATUS_ONE_TIME: UserSubscribeInfoPayStatus
USER_SUBSCRIBE_INFO_PAY_STATUS_SUB_STATUS_AUTO_DEDUCTION: UserSubscribeInfoPayStatus
USER_SUBSCRIBE_INFO_PAY_STATUS_SUB_STATUS_AUTO_DEDUCTION_CANCELED: UserSubscribeInfoPayStatus
USER_SUBSCRIBE_INFO_PAY_STATUS_SUB_STATUS_REVOKE: UserSubscribeInfoPayStatus
VERTICAL_PADDING_RULE_USE_DEFAULT: VerticalPaddingRule
VERTICAL_PADDING_RULE_USE_TOP_AND_BOTTOM: VerticalPaddingRule

class ActionButton(_message.Message):
    __slots__ = ("button_type", "button_active_text", "button_inactive_text", "button_schema", "enable_button_inactive_text")
    BUTTON_TYPE_FIELD_NUMBER: _ClassVar[int]
    BUTTON_ACTIVE_TEXT_FIELD_NUMBER: _ClassVar[int]
    BUTTON_INACTIVE_TEXT_FIELD_NUMBER: _ClassVar[int]
    BUTTON_SCHEMA_FIELD_NUMBER: _ClassVar[int]
    ENABLE_BUTTON_INACTIVE_TEXT_FIELD_NUMBER: _ClassVar[int]
    button_type: ActionButtonType
    button_active_text: Text
    button_inactive_text: Text
    button_schema: str
    enable_button_inactive_text: bool
    def __init__(self, button_type: _Optional[_Union[ActionButtonType, str]] = ..., button_active_text: _Optional[_Union[Text, _Mapping]] = ..., button_inactive_text: _Optional[_Union[Text, _Mapping]] = ..., button_schema: _Optional[str] = ..., enable_button_inactive_text: _Optional[bool] = ...) -> None: ...

class ActivityRewardInfo(_message.Message):
    __slots__ = ("badge", "storytag")
    BADGE_FIELD_NUMBER: _ClassVar[int]
    STORYTAG_FIELD_NUMBER: _ClassVar[int]
    badge: ImageModel
    storytag: ImageModel
    def __init__(self, badge: _Optional[_Union[ImageModel, _Mapping]] = ..., storytag: _Optional[_Union[ImageModel, _Mapping]] = ...) -> None: ...

class AnchorInfo(_message.Message):
    __slots__ = ("level",)
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    level: int
    def __init__(self, level: _Optional[int] = ...) -> None: ...

class AnchorLevel(_message.Message):
    __slots__ = ("level", "experience", "lowest_experience_this_level", "highest_experience_this_level", "task_start_experience", "task_start_time", "task_decrease_experience", "task_target_experience", "task_end_time", "profile_dialog_bg", "profile_dialog_bg_back", "stage_level", "small_icon")
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    EXPERIENCE_FIELD_NUMBER: _ClassVar[int]
    LOWEST_EXPERIENCE_THIS_LEVEL_FIELD_NUMBER: _ClassVar[int]
    HIGHEST_EXPERIENCE_THIS_LEVEL_FIELD_NUMBER: _ClassVar[int]
    TASK_START_EXPERIENCE_FIELD_NUMBER: _ClassVar[int]
    TASK_START_TIME_FIELD_NUMBER: _ClassVar[int]
    TASK_DECREASE_EXPERIENCE_FIELD_NUMBER: _ClassVar[int]
    TASK_TARGET_EXPERIENCE_FIELD_NUMBER: _ClassVar[int]
    TASK_END_TIME_FIELD_NUMBER: _ClassVar[int]
    PROFILE_DIALOG_BG_FIELD_NUMBER: _ClassVar[int]
    PROFILE_DIALOG_BG_BACK_FIELD_NUMBER: _ClassVar[int]
    STAGE_LEVEL_FIELD_NUMBER: _ClassVar[int]
    SMALL_ICON_FIELD_NUMBER: _ClassVar[int]
    level: int
    experience: int
    lowest_experience_this_level: int
    highest_experience_this_level: int
    task_start_experience: int
    task_start_time: int
    task_decrease_experience: int
    task_target_experience: int
    task_end_time: int
    profile_dialog_bg: ImageModel
    profile_dialog_bg_back: ImageModel
    stage_level: ImageModel
    small_icon: ImageModel
    def __init__(self, level: _Optional[int] = ..., experience: _Optional[int] = ..., lowest_experience_this_level: _Optional[int] = ..., highest_experience_this_level: _Optional[int] = ..., task_start_experience: _Optional[int] = ..., task_start_time: _Optional[int] = ..., task_decrease_experience: _Optional[int] = ..., task_target_experience: _Optional[int] = ..., task_end_time: _Optional[int] = ..., profile_dialog_bg: _Optional[_Union[ImageModel, _Mapping]] = ..., profile_dialog_bg_back: _Optional[_Union[ImageModel, _Mapping]] = ..., stage_level: _Optional[_Union[ImageModel, _Mapping]] = ..., small_icon: _Optional[_Union[ImageModel, _Mapping]] = ...) -> None: ...

class ArrowConfig(_message.Message):
    __slots__ = ("icon",)
    ICON_FIELD_NUMBER: _ClassVar[int]
    icon: ImageModel
    def __init__(self, icon: _Optional[_Union[ImageModel, _Mapping]] = ...) -> None: ...

class AssetBase(_message.Message):
    __slots__ = ("url", "md5", "face_meta")
    URL_FIELD_NUMBER: _ClassVar[int]
    MD5_FIELD_NUMBER: _ClassVar[int]
    FACE_META_FIELD_NUMBER: _ClassVar[int]
    url: ImageModel
    md5: str
    face_meta: FaceRecognitionMeta
    def __init__(self, url: _Optional[_Union[ImageModel, _Mapping]] = ..., md5: _Optional[str] = ..., face_meta: _Optional[_Union[FaceRecognitionMeta, _Mapping]] = ...) -> None: ...

class AssetBundle(_message.Message):
    __slots__ = ("assets", "prefab_bundle", "stream_effect_spec")
    ASSETS_FIELD_NUMBER: _ClassVar[int]
    PREFAB_BUNDLE_FIELD_NUMBER: _ClassVar[int]
    STREAM_EFFECT_SPEC_FIELD_NUMBER: _ClassVar[int]
    assets: _containers.RepeatedCompositeFieldContainer[AssetsModel]
    prefab_bundle: PrefabBundle
    stream_effect_spec: GiftEffectStreamSpec
    def __init__(self, assets: _Optional[_Iterable[_Union[AssetsModel, _Mapping]]] = ..., prefab_bundle: _Optional[_Union[PrefabBundle, _Mapping]] = ..., stream_effect_spec: _Optional[_Union[GiftEffectStreamSpec, _Mapping]] = ...) -> None: ...

class AssetExtra(_message.Message):
    __slots__ = ("effect_starling_key",)
    EFFECT_STARLING_KEY_FIELD_NUMBER: _ClassVar[int]
    effect_starling_key: str
    def __init__(self, effect_starling_key: _Optional[str] = ...) -> None: ...

class AssetsModel(_message.Message):
    __slots__ = ("name", "resource_uri", "resource_url", "describe", "id", "resource_type", "md5", "size", "loki_content", "download_type", "resource_bytevc1_url", "bytevc1_md5", "video_resource_list", "face_recognition_archive_meta", "lynx_url_settings_key", "downgrade_resource_type", "asset_extra", "sticker_asset_variant", "immediate_download", "sticker_asset_variant_reason", "force_use_im_or_resp_asset", "distribution_strategy")
    NAME_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_URI_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_URL_FIELD_NUMBER: _ClassVar[int]
    DESCRIBE_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_TYPE_FIELD_NUMBER: _ClassVar[int]
    MD5_FIELD_NUMBER: _ClassVar[int]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    LOKI_CONTENT_FIELD_NUMBER: _ClassVar[int]
    DOWNLOAD_TYPE_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_BYTEVC1_URL_FIELD_NUMBER: _ClassVar[int]
    BYTEVC1_MD5_FIELD_NUMBER: _ClassVar[int]
    VIDEO_RESOURCE_LIST_FIELD_NUMBER: _ClassVar[int]
    FACE_RECOGNITION_ARCHIVE_META_FIELD_NUMBER: _ClassVar[int]
    LYNX_URL_SETTINGS_KEY_FIELD_NUMBER: _ClassVar[int]
    DOWNGRADE_RESOURCE_TYPE_FIELD_NUMBER: _ClassVar[int]
    ASSET_EXTRA_FIELD_NUMBER: _ClassVar[int]
    STICKER_ASSET_VARIANT_FIELD_NUMBER: _ClassVar[int]
    IMMEDIATE_DOWNLOAD_FIELD_NUMBER: _ClassVar[int]
    STICKER_ASSET_VARIANT_REASON_FIELD_NUMBER: _ClassVar[int]
    FORCE_USE_IM_OR_RESP_ASSET_FIELD_NUMBER: _ClassVar[int]
    DISTRIBUTION_STRATEGY_FIELD_NUMBER: _ClassVar[int]
    name: str
    resource_uri: str
    resource_url: ResourceModel
    describe: str
    id: int
    resource_type: int
    md5: str
    size: int
    loki_content: LokiExtraContent
    download_type: int
    resource_bytevc1_url: ResourceModel
    bytevc1_md5: str
    video_resource_list: _containers.RepeatedCompositeFieldContainer[VideoResource]
    face_recognition_archive_meta: FaceRecognitionMeta
    lynx_url_settings_key: str
    downgrade_resource_type: int
    asset_extra: AssetExtra
    sticker_asset_variant: int
    immediate_download: bool
    sticker_asset_variant_reason: int
    force_use_im_or_resp_asset: bool
    distribution_strategy: _containers.RepeatedCompositeFieldContainer[DistributionStrategy]
    def __init__(self, name: _Optional[str] = ..., resource_uri: _Optional[str] = ..., resource_url: _Optional[_Union[ResourceModel, _Mapping]] = ..., describe: _Optional[str] = ..., id: _Optional[int] = ..., resource_type: _Optional[int] = ..., md5: _Optional[str] = ..., size: _Optional[int] = ..., loki_content: _Optional[_Union[LokiExtraContent, _Mapping]] = ..., download_type: _Optional[int] = ..., resource_bytevc1_url: _Optional[_Union[ResourceModel, _Mapping]] = ..., bytevc1_md5: _Optional[str] = ..., video_resource_list: _Optional[_Iterable[_Union[VideoResource, _Mapping]]] = ..., face_recognition_archive_meta: _Optional[_Union[FaceRecognitionMeta, _Mapping]] = ..., lynx_url_settings_key: _Optional[str] = ..., downgrade_resource_type: _Optional[int] = ..., asset_extra: _Optional[_Union[AssetExtra, _Mapping]] = ..., sticker_asset_variant: _Optional[int] = ..., immediate_download: _Optional[bool] = ..., sticker_asset_variant_reason: _Optional[int] = ..., force_use_im_or_resp_asset: _Optional[bool] = ..., distribution_strategy: _Optional[_Iterable[_Union[DistributionStrategy, _Mapping]]] = ...) -> None: ...

class AudioResource(_message.Message):
    __slots__ = ("audio_url", "lyrics_url", "snippet_id")
    AUDIO_URL_FIELD_NUMBER: _ClassVar[int]
    LYRICS_URL_FIELD_NUMBER: _ClassVar[int]
    SNIPPET_ID_FIELD_NUMBER: _ClassVar[int]
    audio_url: str
    lyrics_url: str
    snippet_id: int
    def __init__(self, audio_url: _Optional[str] = ..., lyrics_url: _Optional[str] = ..., snippet_id: _Optional[int] = ...) -> None: ...

class AuthenticationInfo(_message.Message):
    __slots__ = ("custom_verify", "enterprise_verify_reason", "authentication_badge", "has_cert")
    CUSTOM_VERIFY_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_VERIFY_REASON_FIELD_NUMBER: _ClassVar[int]
    AUTHENTICATION_BADGE_FIELD_NUMBER: _ClassVar[int]
    HAS_CERT_FIELD_NUMBER: _ClassVar[int]
    custom_verify: str
    enterprise_verify_reason: str
    authentication_badge: ImageModel
    has_cert: bool
    def __init__(self, custom_verify: _Optional[str] = ..., enterprise_verify_reason: _Optional[str] = ..., authentication_badge: _Optional[_Union[ImageModel, _Mapping]] = ..., has_cert: _Optional[bool] = ...) -> None: ...

class Author(_message.Message):
    __slots__ = ("video_total_count", "video_total_play_count", "video_total_favorite_count")
    VIDEO_TOTAL_COUNT_FIELD_NUMBER: _ClassVar[int]
    VIDEO_TOTAL_PLAY_COUNT_FIELD_NUMBER: _ClassVar[int]
    VIDEO_TOTAL_FAVORITE_COUNT_FIELD_NUMBER: _ClassVar[int]
    video_total_count: int
    video_total_play_count: int
    video_total_favorite_count: int
    def __init__(self, video_total_count: _Optional[int] = ..., video_total_play_count: _Optional[int] = ..., video_total_favorite_count: _Optional[int] = ...) -> None: ...

class BEFViewRenderSize(_message.Message):
    __slots__ = ("w", "h")
    W_FIELD_NUMBER: _ClassVar[int]
    H_FIELD_NUMBER: _ClassVar[int]
    w: int
    h: int
    def __init__(self, w: _Optional[int] = ..., h: _Optional[int] = ...) -> None: ...

class BadgeStruct(_message.Message):
    __slots__ = ("display_type", "priority_type", "scene_type", "position", "display_status", "greyed_by_client", "exhibition_type", "openweburl", "display", "privilege_log_extra", "image", "text", "str", "combine", "is_customized")
    DISPLAY_TYPE_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_TYPE_FIELD_NUMBER: _ClassVar[int]
    SCENE_TYPE_FIELD_NUMBER: _ClassVar[int]
    POSITION_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_STATUS_FIELD_NUMBER: _ClassVar[int]
    GREYED_BY_CLIENT_FIELD_NUMBER: _ClassVar[int]
    EXHIBITION_TYPE_FIELD_NUMBER: _ClassVar[int]
    OPENWEBURL_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_FIELD_NUMBER: _ClassVar[int]
    PRIVILEGE_LOG_EXTRA_FIELD_NUMBER: _ClassVar[int]
    IMAGE_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    STR_FIELD_NUMBER: _ClassVar[int]
    COMBINE_FIELD_NUMBER: _ClassVar[int]
    IS_CUSTOMIZED_FIELD_NUMBER: _ClassVar[int]
    display_type: BadgeDisplayType
    priority_type: BadgePriorityType
    scene_type: BadgeSceneType
    position: Position
    display_status: DisplayStatus
    greyed_by_client: int
    exhibition_type: BadgeExhibitionType
    openweburl: str
    display: bool
    privilege_log_extra: PrivilegeLogExtra
    image: ImageBadge
    text: TextBadge
    str: StringBadge
    combine: CombineBadgeStruct
    is_customized: bool
    def __init__(self, display_type: _Optional[_Union[BadgeDisplayType, str]] = ..., priority_type: _Optional[_Union[BadgePriorityType, str]] = ..., scene_type: _Optional[_Union[BadgeSceneType, str]] = ..., position: _Optional[_Union[Position, str]] = ..., display_status: _Optional[_Union[DisplayStatus, str]] = ..., greyed_by_client: _Optional[int] = ..., exhibition_type: _Optional[_Union[BadgeExhibitionType, str]] = ..., openweburl: _Optional[str] = ..., display: _Optional[bool] = ..., privilege_log_extra: _Optional[_Union[PrivilegeLogExtra, _Mapping]] = ..., image: _Optional[_Union[ImageBadge, _Mapping]] = ..., text: _Optional[_Union[TextBadge, _Mapping]] = ..., str: _Optional[_Union[StringBadge, _Mapping]] = ..., combine: _Optional[_Union[CombineBadgeStruct, _Mapping]] = ..., is_customized: _Optional[bool] = ...) -> None: ...

class BadgeText(_message.Message):
    __slots__ = ("key", "default_pattern", "pieces")
    KEY_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_PATTERN_FIELD_NUMBER: _ClassVar[int]
    PIECES_FIELD_NUMBER: _ClassVar[int]
    key: str
    default_pattern: str
    pieces: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, key: _Optional[str] = ..., default_pattern: _Optional[str] = ..., pieces: _Optional[_Iterable[str]] = ...) -> None: ...

class BaseProtoMessage(_message.Message):
    __slots__ = ("method", "payload", "msg_id", "msg_type", "offset", "is_history", "sample_flag")
    METHOD_FIELD_NUMBER: _ClassVar[int]
    PAYLOAD_FIELD_NUMBER: _ClassVar[int]
    MSG_ID_FIELD_NUMBER: _ClassVar[int]
    MSG_TYPE_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    IS_HISTORY_FIELD_NUMBER: _ClassVar[int]
    SAMPLE_FLAG_FIELD_NUMBER: _ClassVar[int]
    method: str
    payload: bytes
    msg_id: int
    msg_type: int
    offset: int
    is_history: bool
    sample_flag: int
    def __init__(self, method: _Optional[str] = ..., payload: _Optional[bytes] = ..., msg_id: _Optional[int] = ..., msg_type: _Optional[int] = ..., offset: _Optional[int] = ..., is_history: _Optional[bool] = ..., sample_flag: _Optional[int] = ...) -> None: ...

class BatchGiftInfo(_message.Message):
    __slots__ = ("can_batch_send", "available_counts")
    CAN_BATCH_SEND_FIELD_NUMBER: _ClassVar[int]
    AVAILABLE_COUNTS_FIELD_NUMBER: _ClassVar[int]
    can_batch_send: bool
    available_counts: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, can_batch_send: _Optional[bool] = ..., available_counts: _Optional[_Iterable[int]] = ...) -> None: ...

class BorderInfo(_message.Message):
    __slots__ = ("icon", "level", "source", "profile_decoration_ribbon", "border_privilege_log_extra", "profile_privilege_log_extra", "avatar_background_color", "avatar_background_border_color", "name_starling_key", "desc_starling_key", "name", "description", "is_taller_avatar_background")
    ICON_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    PROFILE_DECORATION_RIBBON_FIELD_NUMBER: _ClassVar[int]
    BORDER_PRIVILEGE_LOG_EXTRA_FIELD_NUMBER: _ClassVar[int]
    PROFILE_PRIVILEGE_LOG_EXTRA_FIELD_NUMBER: _ClassVar[int]
    AVATAR_BACKGROUND_COLOR_FIELD_NUMBER: _ClassVar[int]
    AVATAR_BACKGROUND_BORDER_COLOR_FIELD_NUMBER: _ClassVar[int]
    NAME_STARLING_KEY_FIELD_NUMBER: _ClassVar[int]
    DESC_STARLING_KEY_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    IS_TALLER_AVATAR_BACKGROUND_FIELD_NUMBER: _ClassVar[int]
    icon: ImageModel
    level: int
    source: str
    profile_decoration_ribbon: ImageModel
    border_privilege_log_extra: PrivilegeLogExtra
    profile_privilege_log_extra: PrivilegeLogExtra
    avatar_background_color: str
    avatar_background_border_color: str
    name_starling_key: str
    desc_starling_key: str
    name: str
    description: str
    is_taller_avatar_background: bool
    def __init__(self, icon: _Optional[_Union[ImageModel, _Mapping]] = ..., level: _Optional[int] = ..., source: _Optional[str] = ..., profile_decoration_ribbon: _Optional[_Union[ImageModel, _Mapping]] = ..., border_privilege_log_extra: _Optional[_Union[PrivilegeLogExtra, _Mapping]] = ..., profile_privilege_log_extra: _Optional[_Union[PrivilegeLogExtra, _Mapping]] = ..., avatar_background_color: _Optional[str] = ..., avatar_background_border_color: _Optional[str] = ..., name_starling_key: _Optional[str] = ..., desc_starling_key: _Optional[str] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., is_taller_avatar_background: _Optional[bool] = ...) -> None: ...

class ColorGroup(_message.Message):
    __slots__ = ("group_name", "color_infos")
    GROUP_NAME_FIELD_NUMBER: _ClassVar[int]
    COLOR_INFOS_FIELD_NUMBER: _ClassVar[int]
    group_name: str
    color_infos: _containers.RepeatedCompositeFieldContainer[GiftColorInfo]
    def __init__(self, group_name: _Optional[str] = ..., color_infos: _Optional[_Iterable[_Union[GiftColorInfo, _Mapping]]] = ...) -> None: ...

class ColorPickerInfo(_message.Message):
    __slots__ = ("groups",)
    GROUPS_FIELD_NUMBER: _ClassVar[int]
    groups: _containers.RepeatedCompositeFieldContainer[ColorGroup]
    def __init__(self, groups: _Optional[_Iterable[_Union[ColorGroup, _Mapping]]] = ...) -> None: ...

class CombineBadgeBackground(_message.Message):
    __slots__ = ("image", "background_color_code", "border_color_code", "stretchable_background_image", "left_side_image")
    IMAGE_FIELD_NUMBER: _ClassVar[int]
    BACKGROUND_COLOR_CODE_FIELD_NUMBER: _ClassVar[int]
    BORDER_COLOR_CODE_FIELD_NUMBER: _ClassVar[int]
    STRETCHABLE_BACKGROUND_IMAGE_FIELD_NUMBER: _ClassVar[int]
    LEFT_SIDE_IMAGE_FIELD_NUMBER: _ClassVar[int]
    image: ImageModel
    background_color_code: str
    border_color_code: str
    stretchable_background_image: StretchableBackgroundImage
    left_side_image: ImageModel
    def __init__(self, image: _Optional[_Union[ImageModel, _Mapping]] = ..., background_color_code: _Optional[str] = ..., border_color_code: _Optional[str] = ..., stretchable_background_image: _Optional[_Union[StretchableBackgroundImage, _Mapping]] = ..., left_side_image: _Optional[_Union[ImageModel, _Mapping]] = ...) -> None: ...

class CombineBadgeStruct(_message.Message):
    __slots__ = ("display_type", "icon", "text", "str", "padding", "font_style", "profile_card_panel", "background", "background_dark_mode", "icon_auto_mirrored", "background_auto_mirrored", "public_screen_show_style", "personal_card_show_style", "ranklist_online_audience_show_style", "multi_guest_show_style", "arrow_config", "padding_new_font")
    DISPLAY_TYPE_FIELD_NUMBER: _ClassVar[int]
    ICON_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    STR_FIELD_NUMBER: _ClassVar[int]
    PADDING_FIELD_NUMBER: _ClassVar[int]
    FONT_STYLE_FIELD_NUMBER: _ClassVar[int]
    PROFILE_CARD_PANEL_FIELD_NUMBER: _ClassVar[int]
    BACKGROUND_FIELD_NUMBER: _ClassVar[int]
    BACKGROUND_DARK_MODE_FIELD_NUMBER: _ClassVar[int]
    ICON_AUTO_MIRRORED_FIELD_NUMBER: _ClassVar[int]
    BACKGROUND_AUTO_MIRRORED_FIELD_NUMBER: _ClassVar[int]
    PUBLIC_SCREEN_SHOW_STYLE_FIELD_NUMBER: _ClassVar[int]
    PERSONAL_CARD_SHOW_STYLE_FIELD_NUMBER: _ClassVar[int]
    RANKLIST_ONLINE_AUDIENCE_SHOW_STYLE_FIELD_NUMBER: _ClassVar[int]
    MULTI_GUEST_SHOW_STYLE_FIELD_NUMBER: _ClassVar[int]
    ARROW_CONFIG_FIELD_NUMBER: _ClassVar[int]
    PADDING_NEW_FONT_FIELD_NUMBER: _ClassVar[int]
    display_type: int
    icon: ImageModel
    text: BadgeText
    str: str
    padding: PaddingInfo
    font_style: FontStyle
    profile_card_panel: ProfileCardPanel
    background: CombineBadgeBackground
    background_dark_mode: CombineBadgeBackground
    icon_auto_mirrored: bool
    background_auto_mirrored: bool
    public_screen_show_style: int
    personal_card_show_style: int
    ranklist_online_audience_show_style: int
    multi_guest_show_style: int
    arrow_config: ArrowConfig
    padding_new_font: PaddingInfo
    def __init__(self, display_type: _Optional[int] = ..., icon: _Optional[_Union[ImageModel, _Mapping]] = ..., text: _Optional[_Union[BadgeText, _Mapping]] = ..., str: _Optional[str] = ..., padding: _Optional[_Union[PaddingInfo, _Mapping]] = ..., font_style: _Optional[_Union[FontStyle, _Mapping]] = ..., profile_card_panel: _Optional[_Union[ProfileCardPanel, _Mapping]] = ..., background: _Optional[_Union[CombineBadgeBackground, _Mapping]] = ..., background_dark_mode: _Optional[_Union[CombineBadgeBackground, _Mapping]] = ..., icon_auto_mirrored: _Optional[bool] = ..., background_auto_mirrored: _Optional[bool] = ..., public_screen_show_style: _Optional[int] = ..., personal_card_show_style: _Optional[int] = ..., ranklist_online_audience_show_style: _Optional[int] = ..., multi_guest_show_style: _Optional[int] = ..., arrow_config: _Optional[_Union[ArrowConfig, _Mapping]] = ..., padding_new_font: _Optional[_Union[PaddingInfo, _Mapping]] = ...) -> None: ...

class ComboBadgeInfo(_message.Message):
    __slots__ = ("icon", "combo_count")
    ICON_FIELD_NUMBER: _ClassVar[int]
    COMBO_COUNT_FIELD_NUMBER: _ClassVar[int]
    icon: ImageModel
    combo_count: int
    def __init__(self, icon: _Optional[_Union[ImageModel, _Mapping]] = ..., combo_count: _Optional[int] = ...) -> None: ...

class CommentLabelScore(_message.Message):
    __slots__ = ("label_name", "score")
    LABEL_NAME_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    label_name: str
    score: float
    def __init__(self, label_name: _Optional[str] = ..., score: _Optional[float] = ...) -> None: ...

class CommentQualityScore(_message.Message):
    __slots__ = ("version", "score")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    version: str
    score: int
    def __init__(self, version: _Optional[str] = ..., score: _Optional[int] = ...) -> None: ...

class CommonMessageData(_message.Message):
    __slots__ = ("method", "msg_id", "room_id", "create_time", "monitor", "is_show_msg", "describe", "display_text", "fold_type", "anchor_fold_type", "priority_score", "log_id", "msg_process_filter_k", "msg_process_filter_v", "from_idc", "to_idc", "filter_msg_tags", "sei", "depend_root_id", "depend_id", "anchor_priority_score", "room_message_heat_level", "fold_type_for_web", "anchor_fold_type_for_web", "client_send_time", "dispatch_strategy")
    METHOD_FIELD_NUMBER: _ClassVar[int]
    MSG_ID_FIELD_NUMBER: _ClassVar[int]
    ROOM_ID_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    MONITOR_FIELD_NUMBER: _ClassVar[int]
    IS_SHOW_MSG_FIELD_NUMBER: _ClassVar[int]
    DESCRIBE_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_TEXT_FIELD_NUMBER: _ClassVar[int]
    FOLD_TYPE_FIELD_NUMBER: _ClassVar[int]
    ANCHOR_FOLD_TYPE_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_SCORE_FIELD_NUMBER: _ClassVar[int]
    LOG_ID_FIELD_NUMBER: _ClassVar[int]
    MSG_PROCESS_FILTER_K_FIELD_NUMBER: _ClassVar[int]
    MSG_PROCESS_FILTER_V_FIELD_NUMBER: _ClassVar[int]
    FROM_IDC_FIELD_NUMBER: _ClassVar[int]
    TO_IDC_FIELD_NUMBER: _ClassVar[int]
    FILTER_MSG_TAGS_FIELD_NUMBER: _ClassVar[int]
    SEI_FIELD_NUMBER: _ClassVar[int]
    DEPEND_ROOT_ID_FIELD_NUMBER: _ClassVar[int]
    DEPEND_ID_FIELD_NUMBER: _ClassVar[int]
    ANCHOR_PRIORITY_SCORE_FIELD_NUMBER: _ClassVar[int]
    ROOM_MESSAGE_HEAT_LEVEL_FIELD_NUMBER: _ClassVar[int]
    FOLD_TYPE_FOR_WEB_FIELD_NUMBER: _ClassVar[int]
    ANCHOR_FOLD_TYPE_FOR_WEB_FIELD_NUMBER: _ClassVar[int]
    CLIENT_SEND_TIME_FIELD_NUMBER: _ClassVar[int]
    DISPATCH_STRATEGY_FIELD_NUMBER: _ClassVar[int]
    method: str
    msg_id: int
    room_id: int
    create_time: int
    monitor: int
    is_show_msg: bool
    describe: str
    display_text: Text
    fold_type: int
    anchor_fold_type: int
    priority_score: int
    log_id: str
    msg_process_filter_k: str
    msg_process_filter_v: str
    from_idc: str
    to_idc: str
    filter_msg_tags: _containers.RepeatedScalarFieldContainer[str]
    sei: LiveMessageSEI
    depend_root_id: LiveMessageID
    depend_id: LiveMessageID
    anchor_priority_score: int
    room_message_heat_level: int
    fold_type_for_web: int
    anchor_fold_type_for_web: int
    client_send_time: int
    dispatch_strategy: int
    def __init__(self, method: _Optional[str] = ..., msg_id: _Optional[int] = ..., room_id: _Optional[int] = ..., create_time: _Optional[int] = ..., monitor: _Optional[int] = ..., is_show_msg: _Optional[bool] = ..., describe: _Optional[str] = ..., display_text: _Optional[_Union[Text, _Mapping]] = ..., fold_type: _Optional[int] = ..., anchor_fold_type: _Optional[int] = ..., priority_score: _Optional[int] = ..., log_id: _Optional[str] = ..., msg_process_filter_k: _Optional[str] = ..., msg_process_filter_v: _Optional[str] = ..., from_idc: _Optional[str] = ..., to_idc: _Optional[str] = ..., filter_msg_tags: _Optional[_Iterable[str]] = ..., sei: _Optional[_Union[LiveMessageSEI, _Mapping]] = ..., depend_root_id: _Optional[_Union[LiveMessageID, _Mapping]] = ..., depend_id: _Optional[_Union[LiveMessageID, _Mapping]] = ..., anchor_priority_score: _Optional[int] = ..., room_message_heat_level: _Optional[int] = ..., fold_type_for_web: _Optional[int] = ..., anchor_fold_type_for_web: _Optional[int] = ..., client_send_time: _Optional[int] = ..., dispatch_strategy: _Optional[int] = ...) -> None: ...

class Content(_message.Message):
    __slots__ = ("name", "font_color", "level")
    NAME_FIELD_NUMBER: _ClassVar[int]
    FONT_COLOR_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    name: str
    font_color: str
    level: int
    def __init__(self, name: _Optional[str] = ..., font_color: _Optional[str] = ..., level: _Optional[int] = ...) -> None: ...

class Contributor(_message.Message):
    __slots__ = ("score", "user", "rank", "delta")
    SCORE_FIELD_NUMBER: _ClassVar[int]
    USER_FIELD_NUMBER: _ClassVar[int]
    RANK_FIELD_NUMBER: _ClassVar[int]
    DELTA_FIELD_NUMBER: _ClassVar[int]
    score: int
    user: User
    rank: int
    delta: int
    def __init__(self, score: _Optional[int] = ..., user: _Optional[_Union[User, _Mapping]] = ..., rank: _Optional[int] = ..., delta: _Optional[int] = ...) -> None: ...

class CreatorScoreDisplayInfo(_message.Message):
    __slots__ = ("ecommerce_entrance_label", "score_level")
    ECOMMERCE_ENTRANCE_LABEL_FIELD_NUMBER: _ClassVar[int]
    SCORE_LEVEL_FIELD_NUMBER: _ClassVar[int]
    ecommerce_entrance_label: CreatorScoreLabelInfo
    score_level: int
    def __init__(self, ecommerce_entrance_label: _Optional[_Union[CreatorScoreLabelInfo, _Mapping]] = ..., score_level: _Optional[int] = ...) -> None: ...

class CreatorScoreLabelInfo(_message.Message):
    __slots__ = ("label_text", "label_text_color_dark", "label_text_color_light", "logo_dark", "logo_light", "pop_up_info")
    LABEL_TEXT_FIELD_NUMBER: _ClassVar[int]
    LABEL_TEXT_COLOR_DARK_FIELD_NUMBER: _ClassVar[int]
    LABEL_TEXT_COLOR_LIGHT_FIELD_NUMBER: _ClassVar[int]
    LOGO_DARK_FIELD_NUMBER: _ClassVar[int]
    LOGO_LIGHT_FIELD_NUMBER: _ClassVar[int]
    POP_UP_INFO_FIELD_NUMBER: _ClassVar[int]
    label_text: str
    label_text_color_dark: str
    label_text_color_light: str
    logo_dark: ImageModel
    logo_light: ImageModel
    pop_up_info: PopUpInfo
    def __init__(self, label_text: _Optional[str] = ..., label_text_color_dark: _Optional[str] = ..., label_text_color_light: _Optional[str] = ..., logo_dark: _Optional[_Union[ImageModel, _Mapping]] = ..., logo_light: _Optional[_Union[ImageModel, _Mapping]] = ..., pop_up_info: _Optional[_Union[PopUpInfo, _Mapping]] = ...) -> None: ...

class CreatorScoreProfile(_message.Message):
    __slots__ = ("final_score", "country_code", "display_info", "score_info_extra")
    class ScoreInfoExtraEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    FINAL_SCORE_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_CODE_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_INFO_FIELD_NUMBER: _ClassVar[int]
    SCORE_INFO_EXTRA_FIELD_NUMBER: _ClassVar[int]
    final_score: float
    country_code: str
    display_info: CreatorScoreDisplayInfo
    score_info_extra: _containers.ScalarMap[str, str]
    def __init__(self, final_score: _Optional[float] = ..., country_code: _Optional[str] = ..., display_info: _Optional[_Union[CreatorScoreDisplayInfo, _Mapping]] = ..., score_info_extra: _Optional[_Mapping[str, str]] = ...) -> None: ...

class CreatorSuccessInfo(_message.Message):
    __slots__ = ("tags", "topic", "topic_list", "frequency_control")
    TAGS_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    TOPIC_LIST_FIELD_NUMBER: _ClassVar[int]
    FREQUENCY_CONTROL_FIELD_NUMBER: _ClassVar[int]
    tags: _containers.RepeatedCompositeFieldContainer[TagItem]
    topic: Topic
    topic_list: _containers.RepeatedCompositeFieldContainer[Topic]
    frequency_control: FrequencyControl
    def __init__(self, tags: _Optional[_Iterable[_Union[TagItem, _Mapping]]] = ..., topic: _Optional[_Union[Topic, _Mapping]] = ..., topic_list: _Optional[_Iterable[_Union[Topic, _Mapping]]] = ..., frequency_control: _Optional[_Union[FrequencyControl, _Mapping]] = ...) -> None: ...

class CrossScreenEffectInfo(_message.Message):
    __slots__ = ("single_action_effect_ids", "action_effect_ids", "reaction_effect_ids")
    class SingleActionEffectIdsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: int
        def __init__(self, key: _Optional[int] = ..., value: _Optional[int] = ...) -> None: ...
    class ActionEffectIdsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: int
        def __init__(self, key: _Optional[int] = ..., value: _Optional[int] = ...) -> None: ...
    class ReactionEffectIdsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: int
        def __init__(self, key: _Optional[int] = ..., value: _Optional[int] = ...) -> None: ...
    SINGLE_ACTION_EFFECT_IDS_FIELD_NUMBER: _ClassVar[int]
    ACTION_EFFECT_IDS_FIELD_NUMBER: _ClassVar[int]
    REACTION_EFFECT_IDS_FIELD_NUMBER: _ClassVar[int]
    single_action_effect_ids: _containers.ScalarMap[int, int]
    action_effect_ids: _containers.ScalarMap[int, int]
    reaction_effect_ids: _containers.ScalarMap[int, int]
    def __init__(self, single_action_effect_ids: _Optional[_Mapping[int, int]] = ..., action_effect_ids: _Optional[_Mapping[int, int]] = ..., reaction_effect_ids: _Optional[_Mapping[int, int]] = ...) -> None: ...

class Detail(_message.Message):
    __slots__ = ("text", "text_font_size", "background", "start", "duration", "x", "y", "width", "height", "shadow_dx", "shadow_dy", "shadow_radius", "shadow_color", "stroke_color", "stroke_width")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    TEXT_FONT_SIZE_FIELD_NUMBER: _ClassVar[int]
    BACKGROUND_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    DURATION_FIELD_NUMBER: _ClassVar[int]
    X_FIELD_NUMBER: _ClassVar[int]
    Y_FIELD_NUMBER: _ClassVar[int]
    WIDTH_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    SHADOW_DX_FIELD_NUMBER: _ClassVar[int]
    SHADOW_DY_FIELD_NUMBER: _ClassVar[int]
    SHADOW_RADIUS_FIELD_NUMBER: _ClassVar[int]
    SHADOW_COLOR_FIELD_NUMBER: _ClassVar[int]
    STROKE_COLOR_FIELD_NUMBER: _ClassVar[int]
    STROKE_WIDTH_FIELD_NUMBER: _ClassVar[int]
    text: Text
    text_font_size: int
    background: ImageModel
    start: int
    duration: int
    x: int
    y: int
    width: int
    height: int
    shadow_dx: int
    shadow_dy: int
    shadow_radius: int
    shadow_color: str
    stroke_color: str
    stroke_width: int
    def __init__(self, text: _Optional[_Union[Text, _Mapping]] = ..., text_font_size: _Optional[int] = ..., background: _Optional[_Union[ImageModel, _Mapping]] = ..., start: _Optional[int] = ..., duration: _Optional[int] = ..., x: _Optional[int] = ..., y: _Optional[int] = ..., width: _Optional[int] = ..., height: _Optional[int] = ..., shadow_dx: _Optional[int] = ..., shadow_dy: _Optional[int] = ..., shadow_radius: _Optional[int] = ..., shadow_color: _Optional[str] = ..., stroke_color: _Optional[str] = ..., stroke_width: _Optional[int] = ...) -> None: ...

class DistributionStrategy(_message.Message):
    __slots__ = ("asset_base", "resource_type")
    ASSET_BASE_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_TYPE_FIELD_NUMBER: _ClassVar[int]
    asset_base: AssetBase
    resource_type: int
    def __init__(self, asset_base: _Optional[_Union[AssetBase, _Mapping]] = ..., resource_type: _Optional[int] = ...) -> None: ...

class EcommerceEntrance(_message.Message):
    __slots__ = ("entrance_type", "creator_type", "schema", "shop_entrance_info", "showcase_entrance_info", "view_version")
    ENTRANCE_TYPE_FIELD_NUMBER: _ClassVar[int]
    CREATOR_TYPE_FIELD_NUMBER: _ClassVar[int]
    SCHEMA_FIELD_NUMBER: _ClassVar[int]
    SHOP_ENTRANCE_INFO_FIELD_NUMBER: _ClassVar[int]
    SHOWCASE_ENTRANCE_INFO_FIELD_NUMBER: _ClassVar[int]
    VIEW_VERSION_FIELD_NUMBER: _ClassVar[int]
    entrance_type: UserEcommerceEntranceEntranceType
    creator_type: UserEcommerceEntranceCreatorType
    schema: str
    shop_entrance_info: ShopEntranceInfo
    showcase_entrance_info: ShowcaseEntranceInfo
    view_version: UserEcommerceEntranceViewVersion
    def __init__(self, entrance_type: _Optional[_Union[UserEcommerceEntranceEntranceType, str]] = ..., creator_type: _Optional[_Union[UserEcommerceEntranceCreatorType, str]] = ..., schema: _Optional[str] = ..., shop_entrance_info: _Optional[_Union[ShopEntranceInfo, _Mapping]] = ..., showcase_entrance_info: _Optional[_Union[ShowcaseEntranceInfo, _Mapping]] = ..., view_version: _Optional[_Union[UserEcommerceEntranceViewVersion, str]] = ...) -> None: ...

class EffectConfigBean(_message.Message):
    __slots__ = ("type", "icon", "text", "badge")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    ICON_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    BADGE_FIELD_NUMBER: _ClassVar[int]
    type: int
    icon: ImageModel
    text: Text
    badge: ImageModel
    def __init__(self, type: _Optional[int] = ..., icon: _Optional[_Union[ImageModel, _Mapping]] = ..., text: _Optional[_Union[Text, _Mapping]] = ..., badge: _Optional[_Union[ImageModel, _Mapping]] = ...) -> None: ...

class EmoteModel(_message.Message):
    __slots__ = ("emote_id", "image", "audit_status", "uuid", "emote_type", "content_source", "emote_private_type", "package_id", "audit_info", "reward_condition", "emote_upload_info", "create_time", "emote_scene")
    EMOTE_ID_FIELD_NUMBER: _ClassVar[int]
    IMAGE_FIELD_NUMBER: _ClassVar[int]
    AUDIT_STATUS_FIELD_NUMBER: _ClassVar[int]
    UUID_FIELD_NUMBER: _ClassVar[int]
    EMOTE_TYPE_FIELD_NUMBER: _ClassVar[int]
    CONTENT_SOURCE_FIELD_NUMBER: _ClassVar[int]
    EMOTE_PRIVATE_TYPE_FIELD_NUMBER: _ClassVar[int]
    PACKAGE_ID_FIELD_NUMBER: _ClassVar[int]
    AUDIT_INFO_FIELD_NUMBER: _ClassVar[int]
    REWARD_CONDITION_FIELD_NUMBER: _ClassVar[int]
    EMOTE_UPLOAD_INFO_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    EMOTE_SCENE_FIELD_NUMBER: _ClassVar[int]
    emote_id: str
    image: ImageModel
    audit_status: AuditStatus
    uuid: str
    emote_type: EmoteType
    content_source: ContentSource
    emote_private_type: EmotePrivateType
    package_id: str
    audit_info: EmoteModel_AuditInfo
    reward_condition: RewardCondition
    emote_upload_info: EmoteUploadInfo
    create_time: int
    emote_scene: EmoteScene
    def __init__(self, emote_id: _Optional[str] = ..., image: _Optional[_Union[ImageModel, _Mapping]] = ..., audit_status: _Optional[_Union[AuditStatus, str]] = ..., uuid: _Optional[str] = ..., emote_type: _Optional[_Union[EmoteType, str]] = ..., content_source: _Optional[_Union[ContentSource, str]] = ..., emote_private_type: _Optional[_Union[EmotePrivateType, str]] = ..., package_id: _Optional[str] = ..., audit_info: _Optional[_Union[EmoteModel_AuditInfo, _Mapping]] = ..., reward_condition: _Optional[_Union[RewardCondition, str]] = ..., emote_upload_info: _Optional[_Union[EmoteUploadInfo, _Mapping]] = ..., create_time: _Optional[int] = ..., emote_scene: _Optional[_Union[EmoteScene, str]] = ...) -> None: ...

class EmoteModel_AuditInfo(_message.Message):
    __slots__ = ("violation_id", "task_type")
    VIOLATION_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_TYPE_FIELD_NUMBER: _ClassVar[int]
    violation_id: int
    task_type: AuditTaskType
    def __init__(self, violation_id: _Optional[int] = ..., task_type: _Optional[_Union[AuditTaskType, str]] = ...) -> None: ...

class EmoteUploadInfo(_message.Message):
    __slots__ = ("user_id", "emote_upload_source", "user_info", "user_id_str")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    EMOTE_UPLOAD_SOURCE_FIELD_NUMBER: _ClassVar[int]
    USER_INFO_FIELD_NUMBER: _ClassVar[int]
    USER_ID_STR_FIELD_NUMBER: _ClassVar[int]
    user_id: int
    emote_upload_source: UserEmoteUploadSource
    user_info: User
    user_id_str: str
    def __init__(self, user_id: _Optional[int] = ..., emote_upload_source: _Optional[_Union[UserEmoteUploadSource, str]] = ..., user_info: _Optional[_Union[User, _Mapping]] = ..., user_id_str: _Optional[str] = ...) -> None: ...

class EmoteWithIndex(_message.Message):
    __slots__ = ("index", "emote")
    INDEX_FIELD_NUMBER: _ClassVar[int]
    EMOTE_FIELD_NUMBER: _ClassVar[int]
    index: int
    emote: EmoteModel
    def __init__(self, index: _Optional[int] = ..., emote: _Optional[_Union[EmoteModel, _Mapping]] = ...) -> None: ...

class EnigmaInfo(_message.Message):
    __slots__ = ("is_enigma_mask_on",)
    IS_ENIGMA_MASK_ON_FIELD_NUMBER: _ClassVar[int]
    is_enigma_mask_on: bool
    def __init__(self, is_enigma_mask_on: _Optional[bool] = ...) -> None: ...

class EventUserInfo(_message.Message):
    __slots__ = ("user_id", "avatar_uri")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    AVATAR_URI_FIELD_NUMBER: _ClassVar[int]
    user_id: int
    avatar_uri: str
    def __init__(self, user_id: _Optional[int] = ..., avatar_uri: _Optional[str] = ...) -> None: ...

class Extra(_message.Message):
    __slots__ = ("ban_info_url", "reason_no", "title", "violation_reason", "content", "got_it_button", "ban_detail_button", "source")
    BAN_INFO_URL_FIELD_NUMBER: _ClassVar[int]
    REASON_NO_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    VIOLATION_REASON_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    GOT_IT_BUTTON_FIELD_NUMBER: _ClassVar[int]
    BAN_DETAIL_BUTTON_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    ban_info_url: str
    reason_no: int
    title: Text
    violation_reason: Text
    content: Text
    got_it_button: Text
    ban_detail_button: Text
    source: str
    def __init__(self, ban_info_url: _Optional[str] = ..., reason_no: _Optional[int] = ..., title: _Optional[_Union[Text, _Mapping]] = ..., violation_reason: _Optional[_Union[Text, _Mapping]] = ..., content: _Optional[_Union[Text, _Mapping]] = ..., got_it_button: _Optional[_Union[Text, _Mapping]] = ..., ban_detail_button: _Optional[_Union[Text, _Mapping]] = ..., source: _Optional[str] = ...) -> None: ...

class FaceRecognitionMeta(_message.Message):
    __slots__ = ("version", "requirement", "model_names", "sdk_extra")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    REQUIREMENT_FIELD_NUMBER: _ClassVar[int]
    MODEL_NAMES_FIELD_NUMBER: _ClassVar[int]
    SDK_EXTRA_FIELD_NUMBER: _ClassVar[int]
    version: str
    requirement: _containers.RepeatedScalarFieldContainer[str]
    model_names: str
    sdk_extra: str
    def __init__(self, version: _Optional[str] = ..., requirement: _Optional[_Iterable[str]] = ..., model_names: _Optional[str] = ..., sdk_extra: _Optional[str] = ...) -> None: ...

class FansClubData(_message.Message):
    __slots__ = ("club_name", "level", "user_fans_club_status", "badge", "available_gift_ids", "anchor_id")
    CLUB_NAME_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    USER_FANS_CLUB_STATUS_FIELD_NUMBER: _ClassVar[int]
    BADGE_FIELD_NUMBER: _ClassVar[int]
    AVAILABLE_GIFT_IDS_FIELD_NUMBER: _ClassVar[int]
    ANCHOR_ID_FIELD_NUMBER: _ClassVar[int]
    club_name: str
    level: int
    user_fans_club_status: UserFansClubFansClubDataUserFansClubStatus
    badge: UserBadge
    available_gift_ids: _containers.RepeatedScalarFieldContainer[int]
    anchor_id: int
    def __init__(self, club_name: _Optional[str] = ..., level: _Optional[int] = ..., user_fans_club_status: _Optional[_Union[UserFansClubFansClubDataUserFansClubStatus, str]] = ..., badge: _Optional[_Union[UserBadge, _Mapping]] = ..., available_gift_ids: _Optional[_Iterable[int]] = ..., anchor_id: _Optional[int] = ...) -> None: ...

class FansClubInfo(_message.Message):
    __slots__ = ("is_sleeping", "fans_level", "fans_score", "badge", "fans_count", "fans_club_name")
    IS_SLEEPING_FIELD_NUMBER: _ClassVar[int]
    FANS_LEVEL_FIELD_NUMBER: _ClassVar[int]
    FANS_SCORE_FIELD_NUMBER: _ClassVar[int]
    BADGE_FIELD_NUMBER: _ClassVar[int]
    FANS_COUNT_FIELD_NUMBER: _ClassVar[int]
    FANS_CLUB_NAME_FIELD_NUMBER: _ClassVar[int]
    is_sleeping: bool
    fans_level: int
    fans_score: int
    badge: ImageModel
    fans_count: int
    fans_club_name: str
    def __init__(self, is_sleeping: _Optional[bool] = ..., fans_level: _Optional[int] = ..., fans_score: _Optional[int] = ..., badge: _Optional[_Union[ImageModel, _Mapping]] = ..., fans_count: _Optional[int] = ..., fans_club_name: _Optional[str] = ...) -> None: ...

class FansClubMember(_message.Message):
    __slots__ = ("data", "prefer_data")
    class PreferDataEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: FansClubData
        def __init__(self, key: _Optional[int] = ..., value: _Optional[_Union[FansClubData, _Mapping]] = ...) -> None: ...
    DATA_FIELD_NUMBER: _ClassVar[int]
    PREFER_DATA_FIELD_NUMBER: _ClassVar[int]
    data: FansClubData
    prefer_data: _containers.MessageMap[int, FansClubData]
    def __init__(self, data: _Optional[_Union[FansClubData, _Mapping]] = ..., prefer_data: _Optional[_Mapping[int, FansClubData]] = ...) -> None: ...

class FlyingMicResources(_message.Message):
    __slots__ = ("path_image", "mic_image", "transition_configs")
    PATH_IMAGE_FIELD_NUMBER: _ClassVar[int]
    MIC_IMAGE_FIELD_NUMBER: _ClassVar[int]
    TRANSITION_CONFIGS_FIELD_NUMBER: _ClassVar[int]
    path_image: ImageModel
    mic_image: ImageModel
    transition_configs: _containers.RepeatedCompositeFieldContainer[TransitionConfig]
    def __init__(self, path_image: _Optional[_Union[ImageModel, _Mapping]] = ..., mic_image: _Optional[_Union[ImageModel, _Mapping]] = ..., transition_configs: _Optional[_Iterable[_Union[TransitionConfig, _Mapping]]] = ...) -> None: ...

class FollowInfo(_message.Message):
    __slots__ = ("following_count", "follower_count", "follow_status", "push_status")
    FOLLOWING_COUNT_FIELD_NUMBER: _ClassVar[int]
    FOLLOWER_COUNT_FIELD_NUMBER: _ClassVar[int]
    FOLLOW_STATUS_FIELD_NUMBER: _ClassVar[int]
    PUSH_STATUS_FIELD_NUMBER: _ClassVar[int]
    following_count: int
    follower_count: int
    follow_status: int
    push_status: int
    def __init__(self, following_count: _Optional[int] = ..., follower_count: _Optional[int] = ..., follow_status: _Optional[int] = ..., push_status: _Optional[int] = ...) -> None: ...

class FontStyle(_message.Message):
    __slots__ = ("font_size", "font_width", "font_color", "border_color")
    FONT_SIZE_FIELD_NUMBER: _ClassVar[int]
    FONT_WIDTH_FIELD_NUMBER: _ClassVar[int]
    FONT_COLOR_FIELD_NUMBER: _ClassVar[int]
    BORDER_COLOR_FIELD_NUMBER: _ClassVar[int]
    font_size: int
    font_width: int
    font_color: str
    border_color: str
    def __init__(self, font_size: _Optional[int] = ..., font_width: _Optional[int] = ..., font_color: _Optional[str] = ..., border_color: _Optional[str] = ...) -> None: ...

class FrequencyControl(_message.Message):
    __slots__ = ("frequency_control_key", "window_size", "limit_in_window")
    FREQUENCY_CONTROL_KEY_FIELD_NUMBER: _ClassVar[int]
    WINDOW_SIZE_FIELD_NUMBER: _ClassVar[int]
    LIMIT_IN_WINDOW_FIELD_NUMBER: _ClassVar[int]
    frequency_control_key: str
    window_size: int
    limit_in_window: int
    def __init__(self, frequency_control_key: _Optional[str] = ..., window_size: _Optional[int] = ..., limit_in_window: _Optional[int] = ...) -> None: ...

class Gift(_message.Message):
    __slots__ = ("image", "describe", "duration", "id", "for_linkmic", "combo", "type", "diamond_count", "is_displayed_on_panel", "primary_effect_id", "gift_label_icon", "name", "icon", "gold_effect", "preview_image", "gift_panel_banner", "is_broadcast_gift", "is_effect_befview", "is_random_gift", "is_box_gift", "can_put_in_gift_box", "gift_box_info", "tracker_params", "lock_info", "color_infos", "gift_rank_recommend_info", "random_effect_info", "gift_sub_type", "gift_vertical_scenarios", "group_in_tab", "is_gallery_gift", "gift_sponsor_info", "gift_skins", "gift_label_type", "gift_texts", "gift_skin_to_gift_texts_infos", "expiration_timestamp", "batch_gift_info", "is_global_gift", "disable_gallery_banner", "ug_gift_info", "cross_screen_effect_info", "beacon_bubble", "gift_resources", "resource_id", "biz_extra", "lynx_cross_screen_effect_info", "gift_struct_hash", "scheme_info", "series_info", "color_picker_info", "music_info", "gift_bottom_right_label_icon", "strategy_event")
    class TrackerParamsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    class GiftResourcesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: GiftResource
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[GiftResource, _Mapping]] = ...) -> None: ...
    class BizExtraEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: str
        def __init__(self, key: _Optional[int] = ..., value: _Optional[str] = ...) -> None: ...
    IMAGE_FIELD_NUMBER: _ClassVar[int]
    DESCRIBE_FIELD_NUMBER: _ClassVar[int]
    DURATION_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    FOR_LINKMIC_FIELD_NUMBER: _ClassVar[int]
    COMBO_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    DIAMOND_COUNT_FIELD_NUMBER: _ClassVar[int]
    IS_DISPLAYED_ON_PANEL_FIELD_NUMBER: _ClassVar[int]
    PRIMARY_EFFECT_ID_FIELD_NUMBER: _ClassVar[int]
    GIFT_LABEL_ICON_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ICON_FIELD_NUMBER: _ClassVar[int]
    GOLD_EFFECT_FIELD_NUMBER: _ClassVar[int]
    PREVIEW_IMAGE_FIELD_NUMBER: _ClassVar[int]
    GIFT_PANEL_BANNER_FIELD_NUMBER: _ClassVar[int]
    IS_BROADCAST_GIFT_FIELD_NUMBER: _ClassVar[int]
    IS_EFFECT_BEFVIEW_FIELD_NUMBER: _ClassVar[int]
    IS_RANDOM_GIFT_FIELD_NUMBER: _ClassVar[int]
    IS_BOX_GIFT_FIELD_NUMBER: _ClassVar[int]
    CAN_PUT_IN_GIFT_BOX_FIELD_NUMBER: _ClassVar[int]
    GIFT_BOX_INFO_FIELD_NUMBER: _ClassVar[int]
    TRACKER_PARAMS_FIELD_NUMBER: _ClassVar[int]
    LOCK_INFO_FIELD_NUMBER: _ClassVar[int]
    COLOR_INFOS_FIELD_NUMBER: _ClassVar[int]
    GIFT_RANK_RECOMMEND_INFO_FIELD_NUMBER: _ClassVar[int]
    RANDOM_EFFECT_INFO_FIELD_NUMBER: _ClassVar[int]
    GIFT_SUB_TYPE_FIELD_NUMBER: _ClassVar[int]
    GIFT_VERTICAL_SCENARIOS_FIELD_NUMBER: _ClassVar[int]
    GROUP_IN_TAB_FIELD_NUMBER: _ClassVar[int]
    IS_GALLERY_GIFT_FIELD_NUMBER: _ClassVar[int]
    GIFT_SPONSOR_INFO_FIELD_NUMBER: _ClassVar[int]
    GIFT_SKINS_FIELD_NUMBER: _ClassVar[int]
    GIFT_LABEL_TYPE_FIELD_NUMBER: _ClassVar[int]
    GIFT_TEXTS_FIELD_NUMBER: _ClassVar[int]
    GIFT_SKIN_TO_GIFT_TEXTS_INFOS_FIELD_NUMBER: _ClassVar[int]
    EXPIRATION_TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    BATCH_GIFT_INFO_FIELD_NUMBER: _ClassVar[int]
    IS_GLOBAL_GIFT_FIELD_NUMBER: _ClassVar[int]
    DISABLE_GALLERY_BANNER_FIELD_NUMBER: _ClassVar[int]
    UG_GIFT_INFO_FIELD_NUMBER: _ClassVar[int]
    CROSS_SCREEN_EFFECT_INFO_FIELD_NUMBER: _ClassVar[int]
    BEACON_BUBBLE_FIELD_NUMBER: _ClassVar[int]
    GIFT_RESOURCES_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    BIZ_EXTRA_FIELD_NUMBER: _ClassVar[int]
    LYNX_CROSS_SCREEN_EFFECT_INFO_FIELD_NUMBER: _ClassVar[int]
    GIFT_STRUCT_HASH_FIELD_NUMBER: _ClassVar[int]
    SCHEME_INFO_FIELD_NUMBER: _ClassVar[int]
    SERIES_INFO_FIELD_NUMBER: _ClassVar[int]
    COLOR_PICKER_INFO_FIELD_NUMBER: _ClassVar[int]
    MUSIC_INFO_FIELD_NUMBER: _ClassVar[int]
    GIFT_BOTTOM_RIGHT_LABEL_ICON_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_EVENT_FIELD_NUMBER: _ClassVar[int]
    image: ImageModel
    describe: str
    duration: int
    id: int
    for_linkmic: bool
    combo: bool
    type: int
    diamond_count: int
    is_displayed_on_panel: bool
    primary_effect_id: int
    gift_label_icon: ImageModel
    name: str
    icon: ImageModel
    gold_effect: str
    preview_image: ImageModel
    gift_panel_banner: GiftPanelBanner
    is_broadcast_gift: bool
    is_effect_befview: bool
    is_random_gift: bool
    is_box_gift: bool
    can_put_in_gift_box: bool
    gift_box_info: GiftBoxInfo
    tracker_params: _containers.ScalarMap[str, str]
    lock_info: GiftLockInfo
    color_infos: _containers.RepeatedCompositeFieldContainer[GiftColorInfo]
    gift_rank_recommend_info: str
    random_effect_info: GiftRandomEffectInfo
    gift_sub_type: int
    gift_vertical_scenarios: _containers.RepeatedScalarFieldContainer[int]
    group_in_tab: int
    is_gallery_gift: bool
    gift_sponsor_info: GiftSponsorInfo
    gift_skins: _containers.RepeatedCompositeFieldContainer[GiftSkin]
    gift_label_type: int
    gift_texts: _containers.RepeatedCompositeFieldContainer[GiftText]
    gift_skin_to_gift_texts_infos: _containers.RepeatedCompositeFieldContainer[GiftSkinToGiftTextsInfo]
    expiration_timestamp: int
    batch_gift_info: BatchGiftInfo
    is_global_gift: bool
    disable_gallery_banner: bool
    ug_gift_info: UGGiftStructInfo
    cross_screen_effect_info: CrossScreenEffectInfo
    beacon_bubble: GiftPanelBeaconBubble
    gift_resources: _containers.MessageMap[str, GiftResource]
    resource_id: int
    biz_extra: _containers.ScalarMap[int, str]
    lynx_cross_screen_effect_info: LynxCrossScreenEffectInfo
    gift_struct_hash: str
    scheme_info: SchemeInfo
    series_info: GiftSeriesInfo
    color_picker_info: ColorPickerInfo
    music_info: MusicGiftInfo
    gift_bottom_right_label_icon: ImageModel
    strategy_event: str
    def __init__(self, image: _Optional[_Union[ImageModel, _Mapping]] = ..., describe: _Optional[str] = ..., duration: _Optional[int] = ..., id: _Optional[int] = ..., for_linkmic: _Optional[bool] = ..., combo: _Optional[bool] = ..., type: _Optional[int] = ..., diamond_count: _Optional[int] = ..., is_displayed_on_panel: _Optional[bool] = ..., primary_effect_id: _Optional[int] = ..., gift_label_icon: _Optional[_Union[ImageModel, _Mapping]] = ..., name: _Optional[str] = ..., icon: _Optional[_Union[ImageModel, _Mapping]] = ..., gold_effect: _Optional[str] = ..., preview_image: _Optional[_Union[ImageModel, _Mapping]] = ..., gift_panel_banner: _Optional[_Union[GiftPanelBanner, _Mapping]] = ..., is_broadcast_gift: _Optional[bool] = ..., is_effect_befview: _Optional[bool] = ..., is_random_gift: _Optional[bool] = ..., is_box_gift: _Optional[bool] = ..., can_put_in_gift_box: _Optional[bool] = ..., gift_box_info: _Optional[_Union[GiftBoxInfo, _Mapping]] = ..., tracker_params: _Optional[_Mapping[str, str]] = ..., lock_info: _Optional[_Union[GiftLockInfo, _Mapping]] = ..., color_infos: _Optional[_Iterable[_Union[GiftColorInfo, _Mapping]]] = ..., gift_rank_recommend_info: _Optional[str] = ..., random_effect_info: _Optional[_Union[GiftRandomEffectInfo, _Mapping]] = ..., gift_sub_type: _Optional[int] = ..., gift_vertical_scenarios: _Optional[_Iterable[int]] = ..., group_in_tab: _Optional[int] = ..., is_gallery_gift: _Optional[bool] = ..., gift_sponsor_info: _Optional[_Union[GiftSponsorInfo, _Mapping]] = ..., gift_skins: _Optional[_Iterable[_Union[GiftSkin, _Mapping]]] = ..., gift_label_type: _Optional[int] = ..., gift_texts: _Optional[_Iterable[_Union[GiftText, _Mapping]]] = ..., gift_skin_to_gift_texts_infos: _Optional[_Iterable[_Union[GiftSkinToGiftTextsInfo, _Mapping]]] = ..., expiration_timestamp: _Optional[int] = ..., batch_gift_info: _Optional[_Union[BatchGiftInfo, _Mapping]] = ..., is_global_gift: _Optional[bool] = ..., disable_gallery_banner: _Optional[bool] = ..., ug_gift_info: _Optional[_Union[UGGiftStructInfo, _Mapping]] = ..., cross_screen_effect_info: _Optional[_Union[CrossScreenEffectInfo, _Mapping]] = ..., beacon_bubble: _Optional[_Union[GiftPanelBeaconBubble, _Mapping]] = ..., gift_resources: _Optional[_Mapping[str, GiftResource]] = ..., resource_id: _Optional[int] = ..., biz_extra: _Optional[_Mapping[int, str]] = ..., lynx_cross_screen_effect_info: _Optional[_Union[LynxCrossScreenEffectInfo, _Mapping]] = ..., gift_struct_hash: _Optional[str] = ..., scheme_info: _Optional[_Union[SchemeInfo, _Mapping]] = ..., series_info: _Optional[_Union[GiftSeriesInfo, _Mapping]] = ..., color_picker_info: _Optional[_Union[ColorPickerInfo, _Mapping]] = ..., music_info: _Optional[_Union[MusicGiftInfo, _Mapping]] = ..., gift_bottom_right_label_icon: _Optional[_Union[ImageModel, _Mapping]] = ..., strategy_event: _Optional[str] = ...) -> None: ...

class GiftBoxInfo(_message.Message):
    __slots__ = ("capacity", "is_primary_box", "scheme_url", "gift_infos_in_box")
    CAPACITY_FIELD_NUMBER: _ClassVar[int]
    IS_PRIMARY_BOX_FIELD_NUMBER: _ClassVar[int]
    SCHEME_URL_FIELD_NUMBER: _ClassVar[int]
    GIFT_INFOS_IN_BOX_FIELD_NUMBER: _ClassVar[int]
    capacity: int
    is_primary_box: bool
    scheme_url: str
    gift_infos_in_box: _containers.RepeatedCompositeFieldContainer[GiftInfoInBox]
    def __init__(self, capacity: _Optional[int] = ..., is_primary_box: _Optional[bool] = ..., scheme_url: _Optional[str] = ..., gift_infos_in_box: _Optional[_Iterable[_Union[GiftInfoInBox, _Mapping]]] = ...) -> None: ...

class GiftColorInfo(_message.Message):
    __slots__ = ("color_id", "color_name", "color_values", "color_image", "gift_image", "color_effect_id", "is_default", "color_image_size", "color_reason", "color_name_english", "gift_describe")
    COLOR_ID_FIELD_NUMBER: _ClassVar[int]
    COLOR_NAME_FIELD_NUMBER: _ClassVar[int]
    COLOR_VALUES_FIELD_NUMBER: _ClassVar[int]
    COLOR_IMAGE_FIELD_NUMBER: _ClassVar[int]
    GIFT_IMAGE_FIELD_NUMBER: _ClassVar[int]
    COLOR_EFFECT_ID_FIELD_NUMBER: _ClassVar[int]
    IS_DEFAULT_FIELD_NUMBER: _ClassVar[int]
    COLOR_IMAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    COLOR_REASON_FIELD_NUMBER: _ClassVar[int]
    COLOR_NAME_ENGLISH_FIELD_NUMBER: _ClassVar[int]
    GIFT_DESCRIBE_FIELD_NUMBER: _ClassVar[int]
    color_id: int
    color_name: str
    color_values: _containers.RepeatedScalarFieldContainer[str]
    color_image: ImageModel
    gift_image: ImageModel
    color_effect_id: int
    is_default: bool
    color_image_size: int
    color_reason: _containers.RepeatedScalarFieldContainer[str]
    color_name_english: str
    gift_describe: str
    def __init__(self, color_id: _Optional[int] = ..., color_name: _Optional[str] = ..., color_values: _Optional[_Iterable[str]] = ..., color_image: _Optional[_Union[ImageModel, _Mapping]] = ..., gift_image: _Optional[_Union[ImageModel, _Mapping]] = ..., color_effect_id: _Optional[int] = ..., is_default: _Optional[bool] = ..., color_image_size: _Optional[int] = ..., color_reason: _Optional[_Iterable[str]] = ..., color_name_english: _Optional[str] = ..., gift_describe: _Optional[str] = ...) -> None: ...

class GiftEffect(_message.Message):
    __slots__ = ("assets", "specs", "event_tracking_params")
    class EventTrackingParamsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ASSETS_FIELD_NUMBER: _ClassVar[int]
    SPECS_FIELD_NUMBER: _ClassVar[int]
    EVENT_TRACKING_PARAMS_FIELD_NUMBER: _ClassVar[int]
    assets: _containers.RepeatedCompositeFieldContainer[AssetsModel]
    specs: GiftEffectSpecs
    event_tracking_params: _containers.ScalarMap[str, str]
    def __init__(self, assets: _Optional[_Iterable[_Union[AssetsModel, _Mapping]]] = ..., specs: _Optional[_Union[GiftEffectSpecs, _Mapping]] = ..., event_tracking_params: _Optional[_Mapping[str, str]] = ...) -> None: ...

class GiftEffectCrossScreenStickerSpec(_message.Message):
    __slots__ = ("single_action_asset_ids", "action_asset_ids", "reaction_asset_ids")
    class SingleActionAssetIdsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: int
        def __init__(self, key: _Optional[int] = ..., value: _Optional[int] = ...) -> None: ...
    class ActionAssetIdsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: int
        def __init__(self, key: _Optional[int] = ..., value: _Optional[int] = ...) -> None: ...
    class ReactionAssetIdsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: int
        def __init__(self, key: _Optional[int] = ..., value: _Optional[int] = ...) -> None: ...
    SINGLE_ACTION_ASSET_IDS_FIELD_NUMBER: _ClassVar[int]
    ACTION_ASSET_IDS_FIELD_NUMBER: _ClassVar[int]
    REACTION_ASSET_IDS_FIELD_NUMBER: _ClassVar[int]
    single_action_asset_ids: _containers.ScalarMap[int, int]
    action_asset_ids: _containers.ScalarMap[int, int]
    reaction_asset_ids: _containers.ScalarMap[int, int]
    def __init__(self, single_action_asset_ids: _Optional[_Mapping[int, int]] = ..., action_asset_ids: _Optional[_Mapping[int, int]] = ..., reaction_asset_ids: _Optional[_Mapping[int, int]] = ...) -> None: ...

class GiftEffectLynxSpec(_message.Message):
    __slots__ = ("asset_ids",)
    ASSET_IDS_FIELD_NUMBER: _ClassVar[int]
    asset_ids: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, asset_ids: _Optional[_Iterable[int]] = ...) -> None: ...

class GiftEffectPrefabSpec(_message.Message):
    __slots__ = ("template_asset_id", "prefab_asset_ids")
    TEMPLATE_ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    PREFAB_ASSET_IDS_FIELD_NUMBER: _ClassVar[int]
    template_asset_id: int
    prefab_asset_ids: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, template_asset_id: _Optional[int] = ..., prefab_asset_ids: _Optional[_Iterable[int]] = ...) -> None: ...

class GiftEffectSerialSpec(_message.Message):
    __slots__ = ("serial_asset_ids",)
    SERIAL_ASSET_IDS_FIELD_NUMBER: _ClassVar[int]
    serial_asset_ids: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, serial_asset_ids: _Optional[_Iterable[int]] = ...) -> None: ...

class GiftEffectSpecs(_message.Message):
    __slots__ = ("cross_screen_sticker", "lynx", "prefab", "serial_spec", "stream_effect_spec")
    CROSS_SCREEN_STICKER_FIELD_NUMBER: _ClassVar[int]
    LYNX_FIELD_NUMBER: _ClassVar[int]
    PREFAB_FIELD_NUMBER: _ClassVar[int]
    SERIAL_SPEC_FIELD_NUMBER: _ClassVar[int]
    STREAM_EFFECT_SPEC_FIELD_NUMBER: _ClassVar[int]
    cross_screen_sticker: GiftEffectCrossScreenStickerSpec
    lynx: GiftEffectLynxSpec
    prefab: GiftEffectPrefabSpec
    serial_spec: GiftEffectSerialSpec
    stream_effect_spec: GiftEffectStreamSpec
    def __init__(self, cross_screen_sticker: _Optional[_Union[GiftEffectCrossScreenStickerSpec, _Mapping]] = ..., lynx: _Optional[_Union[GiftEffectLynxSpec, _Mapping]] = ..., prefab: _Optional[_Union[GiftEffectPrefabSpec, _Mapping]] = ..., serial_spec: _Optional[_Union[GiftEffectSerialSpec, _Mapping]] = ..., stream_effect_spec: _Optional[_Union[GiftEffectStreamSpec, _Mapping]] = ...) -> None: ...

class GiftEffectStreamSpec(_message.Message):
    __slots__ = ("basic_asset_id", "extra_asset_ids")
    BASIC_ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    EXTRA_ASSET_IDS_FIELD_NUMBER: _ClassVar[int]
    basic_asset_id: int
    extra_asset_ids: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, basic_asset_id: _Optional[int] = ..., extra_asset_ids: _Optional[_Iterable[int]] = ...) -> None: ...

class GiftIMPriority(_message.Message):
    __slots__ = ("queue_sizes", "self_queue_priority", "priority")
    QUEUE_SIZES_FIELD_NUMBER: _ClassVar[int]
    SELF_QUEUE_PRIORITY_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    queue_sizes: _containers.RepeatedScalarFieldContainer[int]
    self_queue_priority: int
    priority: int
    def __init__(self, queue_sizes: _Optional[_Iterable[int]] = ..., self_queue_priority: _Optional[int] = ..., priority: _Optional[int] = ...) -> None: ...

class GiftInfoInBox(_message.Message):
    __slots__ = ("gift_id", "effect_id", "color_id", "remain_times", "asset")
    GIFT_ID_FIELD_NUMBER: _ClassVar[int]
    EFFECT_ID_FIELD_NUMBER: _ClassVar[int]
    COLOR_ID_FIELD_NUMBER: _ClassVar[int]
    REMAIN_TIMES_FIELD_NUMBER: _ClassVar[int]
    ASSET_FIELD_NUMBER: _ClassVar[int]
    gift_id: int
    effect_id: int
    color_id: int
    remain_times: int
    asset: AssetsModel
    def __init__(self, gift_id: _Optional[int] = ..., effect_id: _Optional[int] = ..., color_id: _Optional[int] = ..., remain_times: _Optional[int] = ..., asset: _Optional[_Union[AssetsModel, _Mapping]] = ...) -> None: ...

class GiftLockInfo(_message.Message):
    __slots__ = ("lock", "lock_type", "gift_level", "highlight_enabled", "unlock_button_text", "unlock_schema")
    LOCK_FIELD_NUMBER: _ClassVar[int]
    LOCK_TYPE_FIELD_NUMBER: _ClassVar[int]
    GIFT_LEVEL_FIELD_NUMBER: _ClassVar[int]
    HIGHLIGHT_ENABLED_FIELD_NUMBER: _ClassVar[int]
    UNLOCK_BUTTON_TEXT_FIELD_NUMBER: _ClassVar[int]
    UNLOCK_SCHEMA_FIELD_NUMBER: _ClassVar[int]
    lock: bool
    lock_type: int
    gift_level: int
    highlight_enabled: bool
    unlock_button_text: str
    unlock_schema: str
    def __init__(self, lock: _Optional[bool] = ..., lock_type: _Optional[int] = ..., gift_level: _Optional[int] = ..., highlight_enabled: _Optional[bool] = ..., unlock_button_text: _Optional[str] = ..., unlock_schema: _Optional[str] = ...) -> None: ...

class GiftMonitorInfo(_message.Message):
    __slots__ = ("anchor_id", "profitapi_message_dur", "send_gift_profit_api_start_ms", "send_gift_profit_core_start_ms", "send_gift_req_start_ms", "send_gift_send_message_success_ms", "send_profitapi_dur", "to_user_id", "send_gift_start_client_local_ms", "from_platform", "from_version")
    ANCHOR_ID_FIELD_NUMBER: _ClassVar[int]
    PROFITAPI_MESSAGE_DUR_FIELD_NUMBER: _ClassVar[int]
    SEND_GIFT_PROFIT_API_START_MS_FIELD_NUMBER: _ClassVar[int]
    SEND_GIFT_PROFIT_CORE_START_MS_FIELD_NUMBER: _ClassVar[int]
    SEND_GIFT_REQ_START_MS_FIELD_NUMBER: _ClassVar[int]
    SEND_GIFT_SEND_MESSAGE_SUCCESS_MS_FIELD_NUMBER: _ClassVar[int]
    SEND_PROFITAPI_DUR_FIELD_NUMBER: _ClassVar[int]
    TO_USER_ID_FIELD_NUMBER: _ClassVar[int]
    SEND_GIFT_START_CLIENT_LOCAL_MS_FIELD_NUMBER: _ClassVar[int]
    FROM_PLATFORM_FIELD_NUMBER: _ClassVar[int]
    FROM_VERSION_FIELD_NUMBER: _ClassVar[int]
    anchor_id: int
    profitapi_message_dur: int
    send_gift_profit_api_start_ms: int
    send_gift_profit_core_start_ms: int
    send_gift_req_start_ms: int
    send_gift_send_message_success_ms: int
    send_profitapi_dur: int
    to_user_id: int
    send_gift_start_client_local_ms: int
    from_platform: str
    from_version: str
    def __init__(self, anchor_id: _Optional[int] = ..., profitapi_message_dur: _Optional[int] = ..., send_gift_profit_api_start_ms: _Optional[int] = ..., send_gift_profit_core_start_ms: _Optional[int] = ..., send_gift_req_start_ms: _Optional[int] = ..., send_gift_send_message_success_ms: _Optional[int] = ..., send_profitapi_dur: _Optional[int] = ..., to_user_id: _Optional[int] = ..., send_gift_start_client_local_ms: _Optional[int] = ..., from_platform: _Optional[str] = ..., from_version: _Optional[str] = ...) -> None: ...

class GiftPanelBanner(_message.Message):
    __slots__ = ("display_text", "left_icon", "schema_url", "bg_color_values", "banner_lynx_url", "banner_priority", "banner_lynx_extra", "bg_image")
    DISPLAY_TEXT_FIELD_NUMBER: _ClassVar[int]
    LEFT_ICON_FIELD_NUMBER: _ClassVar[int]
    SCHEMA_URL_FIELD_NUMBER: _ClassVar[int]
    BG_COLOR_VALUES_FIELD_NUMBER: _ClassVar[int]
    BANNER_LYNX_URL_FIELD_NUMBER: _ClassVar[int]
    BANNER_PRIORITY_FIELD_NUMBER: _ClassVar[int]
    BANNER_LYNX_EXTRA_FIELD_NUMBER: _ClassVar[int]
    BG_IMAGE_FIELD_NUMBER: _ClassVar[int]
    display_text: Text
    left_icon: ImageModel
    schema_url: str
    bg_color_values: _containers.RepeatedScalarFieldContainer[str]
    banner_lynx_url: str
    banner_priority: int
    banner_lynx_extra: str
    bg_image: ImageModel
    def __init__(self, display_text: _Optional[_Union[Text, _Mapping]] = ..., left_icon: _Optional[_Union[ImageModel, _Mapping]] = ..., schema_url: _Optional[str] = ..., bg_color_values: _Optional[_Iterable[str]] = ..., banner_lynx_url: _Optional[str] = ..., banner_priority: _Optional[int] = ..., banner_lynx_extra: _Optional[str] = ..., bg_image: _Optional[_Union[ImageModel, _Mapping]] = ...) -> None: ...

class GiftPanelBeaconBubble(_message.Message):
    __slots__ = ("lynx_url", "lynx_extra", "type")
    LYNX_URL_FIELD_NUMBER: _ClassVar[int]
    LYNX_EXTRA_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    lynx_url: str
    lynx_extra: str
    type: GiftPanelBeaconBubbleType
    def __init__(self, lynx_url: _Optional[str] = ..., lynx_extra: _Optional[str] = ..., type: _Optional[_Union[GiftPanelBeaconBubbleType, str]] = ...) -> None: ...

class GiftRandomEffectInfo(_message.Message):
    __slots__ = ("random_gift_panel_banner", "effect_ids", "host_key", "audience_key", "random_gift_bubble")
    RANDOM_GIFT_PANEL_BANNER_FIELD_NUMBER: _ClassVar[int]
    EFFECT_IDS_FIELD_NUMBER: _ClassVar[int]
    HOST_KEY_FIELD_NUMBER: _ClassVar[int]
    AUDIENCE_KEY_FIELD_NUMBER: _ClassVar[int]
    RANDOM_GIFT_BUBBLE_FIELD_NUMBER: _ClassVar[int]
    random_gift_panel_banner: RandomGiftPanelBanner
    effect_ids: _containers.RepeatedScalarFieldContainer[int]
    host_key: str
    audience_key: str
    random_gift_bubble: RandomGiftBubble
    def __init__(self, random_gift_panel_banner: _Optional[_Union[RandomGiftPanelBanner, _Mapping]] = ..., effect_ids: _Optional[_Iterable[int]] = ..., host_key: _Optional[str] = ..., audience_key: _Optional[str] = ..., random_gift_bubble: _Optional[_Union[RandomGiftBubble, _Mapping]] = ...) -> None: ...

class GiftResource(_message.Message):
    __slots__ = ("id", "image", "effect_id")
    ID_FIELD_NUMBER: _ClassVar[int]
    IMAGE_FIELD_NUMBER: _ClassVar[int]
    EFFECT_ID_FIELD_NUMBER: _ClassVar[int]
    id: int
    image: ImageModel
    effect_id: int
    def __init__(self, id: _Optional[int] = ..., image: _Optional[_Union[ImageModel, _Mapping]] = ..., effect_id: _Optional[int] = ...) -> None: ...

class GiftSeriesInfo(_message.Message):
    __slots__ = ("series_name", "gift_ids", "enabled", "container_background", "send_gift_button_color", "pointing_back_tri_color", "series_name_color", "end_time_sec")
    SERIES_NAME_FIELD_NUMBER: _ClassVar[int]
    GIFT_IDS_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    CONTAINER_BACKGROUND_FIELD_NUMBER: _ClassVar[int]
    SEND_GIFT_BUTTON_COLOR_FIELD_NUMBER: _ClassVar[int]
    POINTING_BACK_TRI_COLOR_FIELD_NUMBER: _ClassVar[int]
    SERIES_NAME_COLOR_FIELD_NUMBER: _ClassVar[int]
    END_TIME_SEC_FIELD_NUMBER: _ClassVar[int]
    series_name: str
    gift_ids: _containers.RepeatedScalarFieldContainer[int]
    enabled: bool
    container_background: ImageModel
    send_gift_button_color: str
    pointing_back_tri_color: str
    series_name_color: str
    end_time_sec: int
    def __init__(self, series_name: _Optional[str] = ..., gift_ids: _Optional[_Iterable[int]] = ..., enabled: _Optional[bool] = ..., container_background: _Optional[_Union[ImageModel, _Mapping]] = ..., send_gift_button_color: _Optional[str] = ..., pointing_back_tri_color: _Optional[str] = ..., series_name_color: _Optional[str] = ..., end_time_sec: _Optional[int] = ...) -> None: ...

class GiftSkin(_message.Message):
    __slots__ = ("gift_skin_id", "gift_skin_name", "static_image", "animated_image")
    GIFT_SKIN_ID_FIELD_NUMBER: _ClassVar[int]
    GIFT_SKIN_NAME_FIELD_NUMBER: _ClassVar[int]
    STATIC_IMAGE_FIELD_NUMBER: _ClassVar[int]
    ANIMATED_IMAGE_FIELD_NUMBER: _ClassVar[int]
    gift_skin_id: int
    gift_skin_name: str
    static_image: ImageModel
    animated_image: ImageModel
    def __init__(self, gift_skin_id: _Optional[int] = ..., gift_skin_name: _Optional[str] = ..., static_image: _Optional[_Union[ImageModel, _Mapping]] = ..., animated_image: _Optional[_Union[ImageModel, _Mapping]] = ...) -> None: ...

class GiftSkinToGiftTextsInfo(_message.Message):
    __slots__ = ("gift_skin_id", "gift_text_ids")
    GIFT_SKIN_ID_FIELD_NUMBER: _ClassVar[int]
    GIFT_TEXT_IDS_FIELD_NUMBER: _ClassVar[int]
    gift_skin_id: int
    gift_text_ids: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, gift_skin_id: _Optional[int] = ..., gift_text_ids: _Optional[_Iterable[int]] = ...) -> None: ...

class GiftSponsorInfo(_message.Message):
    __slots__ = ("sponsor_id", "sponsor_count", "current_count", "left_count_to_sponsor", "can_sponsor")
    SPONSOR_ID_FIELD_NUMBER: _ClassVar[int]
    SPONSOR_COUNT_FIELD_NUMBER: _ClassVar[int]
    CURRENT_COUNT_FIELD_NUMBER: _ClassVar[int]
    LEFT_COUNT_TO_SPONSOR_FIELD_NUMBER: _ClassVar[int]
    CAN_SPONSOR_FIELD_NUMBER: _ClassVar[int]
    sponsor_id: int
    sponsor_count: int
    current_count: int
    left_count_to_sponsor: int
    can_sponsor: bool
    def __init__(self, sponsor_id: _Optional[int] = ..., sponsor_count: _Optional[int] = ..., current_count: _Optional[int] = ..., left_count_to_sponsor: _Optional[int] = ..., can_sponsor: _Optional[bool] = ...) -> None: ...

class GiftText(_message.Message):
    __slots__ = ("gift_text_id", "gift_text_name")
    GIFT_TEXT_ID_FIELD_NUMBER: _ClassVar[int]
    GIFT_TEXT_NAME_FIELD_NUMBER: _ClassVar[int]
    gift_text_id: int
    gift_text_name: str
    def __init__(self, gift_text_id: _Optional[int] = ..., gift_text_name: _Optional[str] = ...) -> None: ...

class GiftTrayInfo(_message.Message):
    __slots__ = ("tray_dynamic_img", "can_mirror", "tray_normal_bg_img", "tray_normal_bg_color", "tray_small_bg_img", "tray_small_bg_color", "right_tag_text", "right_tag_bg_img", "right_tag_bg_color", "tray_name_text_color", "tray_desc_text_color", "right_tag_jump_schema", "gift_tray_jump_schema")
    TRAY_DYNAMIC_IMG_FIELD_NUMBER: _ClassVar[int]
    CAN_MIRROR_FIELD_NUMBER: _ClassVar[int]
    TRAY_NORMAL_BG_IMG_FIELD_NUMBER: _ClassVar[int]
    TRAY_NORMAL_BG_COLOR_FIELD_NUMBER: _ClassVar[int]
    TRAY_SMALL_BG_IMG_FIELD_NUMBER: _ClassVar[int]
    TRAY_SMALL_BG_COLOR_FIELD_NUMBER: _ClassVar[int]
    RIGHT_TAG_TEXT_FIELD_NUMBER: _ClassVar[int]
    RIGHT_TAG_BG_IMG_FIELD_NUMBER: _ClassVar[int]
    RIGHT_TAG_BG_COLOR_FIELD_NUMBER: _ClassVar[int]
    TRAY_NAME_TEXT_COLOR_FIELD_NUMBER: _ClassVar[int]
    TRAY_DESC_TEXT_COLOR_FIELD_NUMBER: _ClassVar[int]
    RIGHT_TAG_JUMP_SCHEMA_FIELD_NUMBER: _ClassVar[int]
    GIFT_TRAY_JUMP_SCHEMA_FIELD_NUMBER: _ClassVar[int]
    tray_dynamic_img: ImageModel
    can_mirror: bool
    tray_normal_bg_img: ImageModel
    tray_normal_bg_color: _containers.RepeatedScalarFieldContainer[str]
    tray_small_bg_img: ImageModel
    tray_small_bg_color: _containers.RepeatedScalarFieldContainer[str]
    right_tag_text: Text
    right_tag_bg_img: ImageModel
    right_tag_bg_color: _containers.RepeatedScalarFieldContainer[str]
    tray_name_text_color: str
    tray_desc_text_color: str
    right_tag_jump_schema: str
    gift_tray_jump_schema: str
    def __init__(self, tray_dynamic_img: _Optional[_Union[ImageModel, _Mapping]] = ..., can_mirror: _Optional[bool] = ..., tray_normal_bg_img: _Optional[_Union[ImageModel, _Mapping]] = ..., tray_normal_bg_color: _Optional[_Iterable[str]] = ..., tray_small_bg_img: _Optional[_Union[ImageModel, _Mapping]] = ..., tray_small_bg_color: _Optional[_Iterable[str]] = ..., right_tag_text: _Optional[_Union[Text, _Mapping]] = ..., right_tag_bg_img: _Optional[_Union[ImageModel, _Mapping]] = ..., right_tag_bg_color: _Optional[_Iterable[str]] = ..., tray_name_text_color: _Optional[str] = ..., tray_desc_text_color: _Optional[str] = ..., right_tag_jump_schema: _Optional[str] = ..., gift_tray_jump_schema: _Optional[str] = ...) -> None: ...

class GiftsBoxInfo(_message.Message):
    __slots__ = ("gifts_info_in_box",)
    GIFTS_INFO_IN_BOX_FIELD_NUMBER: _ClassVar[int]
    gifts_info_in_box: _containers.RepeatedCompositeFieldContainer[GiftInfoInBox]
    def __init__(self, gifts_info_in_box: _Optional[_Iterable[_Union[GiftInfoInBox, _Mapping]]] = ...) -> None: ...

class GradeIcon(_message.Message):
    __slots__ = ("icon", "icon_diamond", "level", "level_str")
    ICON_FIELD_NUMBER: _ClassVar[int]
    ICON_DIAMOND_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    LEVEL_STR_FIELD_NUMBER: _ClassVar[int]
    icon: ImageModel
    icon_diamond: int
    level: int
    level_str: str
    def __init__(self, icon: _Optional[_Union[ImageModel, _Mapping]] = ..., icon_diamond: _Optional[int] = ..., level: _Optional[int] = ..., level_str: _Optional[str] = ...) -> None: ...

class IconConfig(_message.Message):
    __slots__ = ("icon", "background")
    ICON_FIELD_NUMBER: _ClassVar[int]
    BACKGROUND_FIELD_NUMBER: _ClassVar[int]
    icon: ImageModel
    background: CombineBadgeBackground
    def __init__(self, icon: _Optional[_Union[ImageModel, _Mapping]] = ..., background: _Optional[_Union[CombineBadgeBackground, _Mapping]] = ...) -> None: ...

class ImageBadge(_message.Message):
    __slots__ = ("display_type", "image")
    DISPLAY_TYPE_FIELD_NUMBER: _ClassVar[int]
    IMAGE_FIELD_NUMBER: _ClassVar[int]
    display_type: BadgeDisplayType
    image: ImageModel
    def __init__(self, display_type: _Optional[_Union[BadgeDisplayType, str]] = ..., image: _Optional[_Union[ImageModel, _Mapping]] = ...) -> None: ...

class ImageModel(_message.Message):
    __slots__ = ("url_list", "uri", "height", "width", "avg_color", "image_type", "open_web_url", "content", "is_animated")
    URL_LIST_FIELD_NUMBER: _ClassVar[int]
    URI_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    WIDTH_FIELD_NUMBER: _ClassVar[int]
    AVG_COLOR_FIELD_NUMBER: _ClassVar[int]
    IMAGE_TYPE_FIELD_NUMBER: _ClassVar[int]
    OPEN_WEB_URL_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    IS_ANIMATED_FIELD_NUMBER: _ClassVar[int]
    url_list: _containers.RepeatedScalarFieldContainer[str]
    uri: str
    height: int
    width: int
    avg_color: str
    image_type: int
    open_web_url: str
    content: Content
    is_animated: bool
    def __init__(self, url_list: _Optional[_Iterable[str]] = ..., uri: _Optional[str] = ..., height: _Optional[int] = ..., width: _Optional[int] = ..., avg_color: _Optional[str] = ..., image_type: _Optional[int] = ..., open_web_url: _Optional[str] = ..., content: _Optional[_Union[Content, _Mapping]] = ..., is_animated: _Optional[bool] = ...) -> None: ...

class InteractiveGiftInfo(_message.Message):
    __slots__ = ("cross_screen_delay", "cross_screen_role", "ignore_config", "uniq_id", "to_user_team_id", "ignore_component")
    CROSS_SCREEN_DELAY_FIELD_NUMBER: _ClassVar[int]
    CROSS_SCREEN_ROLE_FIELD_NUMBER: _ClassVar[int]
    IGNORE_CONFIG_FIELD_NUMBER: _ClassVar[int]
    UNIQ_ID_FIELD_NUMBER: _ClassVar[int]
    TO_USER_TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    IGNORE_COMPONENT_FIELD_NUMBER: _ClassVar[int]
    cross_screen_delay: int
    cross_screen_role: int
    ignore_config: GiftMessageIgnoreConfig
    uniq_id: int
    to_user_team_id: int
    ignore_component: int
    def __init__(self, cross_screen_delay: _Optional[int] = ..., cross_screen_role: _Optional[int] = ..., ignore_config: _Optional[_Union[GiftMessageIgnoreConfig, str]] = ..., uniq_id: _Optional[int] = ..., to_user_team_id: _Optional[int] = ..., ignore_component: _Optional[int] = ...) -> None: ...

class LabelConfig(_message.Message):
    __slots__ = ("label", "font_style", "background")
    LABEL_FIELD_NUMBER: _ClassVar[int]
    FONT_STYLE_FIELD_NUMBER: _ClassVar[int]
    BACKGROUND_FIELD_NUMBER: _ClassVar[int]
    label: str
    font_style: FontStyle
    background: CombineBadgeBackground
    def __init__(self, label: _Optional[str] = ..., font_style: _Optional[_Union[FontStyle, _Mapping]] = ..., background: _Optional[_Union[CombineBadgeBackground, _Mapping]] = ...) -> None: ...

class LikeEffect(_message.Message):
    __slots__ = ("version", "effect_cnt", "effect_interval_ms", "level")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    EFFECT_CNT_FIELD_NUMBER: _ClassVar[int]
    EFFECT_INTERVAL_MS_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    version: int
    effect_cnt: int
    effect_interval_ms: int
    level: int
    def __init__(self, version: _Optional[int] = ..., effect_cnt: _Optional[int] = ..., effect_interval_ms: _Optional[int] = ..., level: _Optional[int] = ...) -> None: ...

class LiveEventInfo(_message.Message):
    __slots__ = ("event_id", "start_time", "duration", "title", "description", "has_subscribed", "is_paid_event", "ticket_amount", "pay_method", "wallet_pkg_dict", "event_user_info", "subscribed_count", "paid_event_preview", "wallet_package", "register_type", "periodic_settings", "periodic_shows")
    class WalletPkgDictEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: WalletPackage
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[WalletPackage, _Mapping]] = ...) -> None: ...
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    DURATION_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    HAS_SUBSCRIBED_FIELD_NUMBER: _ClassVar[int]
    IS_PAID_EVENT_FIELD_NUMBER: _ClassVar[int]
    TICKET_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    PAY_METHOD_FIELD_NUMBER: _ClassVar[int]
    WALLET_PKG_DICT_FIELD_NUMBER: _ClassVar[int]
    EVENT_USER_INFO_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIBED_COUNT_FIELD_NUMBER: _ClassVar[int]
    PAID_EVENT_PREVIEW_FIELD_NUMBER: _ClassVar[int]
    WALLET_PACKAGE_FIELD_NUMBER: _ClassVar[int]
    REGISTER_TYPE_FIELD_NUMBER: _ClassVar[int]
    PERIODIC_SETTINGS_FIELD_NUMBER: _ClassVar[int]
    PERIODIC_SHOWS_FIELD_NUMBER: _ClassVar[int]
    event_id: int
    start_time: int
    duration: int
    title: str
    description: str
    has_subscribed: bool
    is_paid_event: bool
    ticket_amount: int
    pay_method: LiveEventInfoEventPayMethod
    wallet_pkg_dict: _containers.MessageMap[str, WalletPackage]
    event_user_info: _containers.RepeatedCompositeFieldContainer[EventUserInfo]
    subscribed_count: int
    paid_event_preview: PaidEventPreview
    wallet_package: WalletPackage
    register_type: int
    periodic_settings: str
    periodic_shows: str
    def __init__(self, event_id: _Optional[int] = ..., start_time: _Optional[int] = ..., duration: _Optional[int] = ..., title: _Optional[str] = ..., description: _Optional[str] = ..., has_subscribed: _Optional[bool] = ..., is_paid_event: _Optional[bool] = ..., ticket_amount: _Optional[int] = ..., pay_method: _Optional[_Union[LiveEventInfoEventPayMethod, str]] = ..., wallet_pkg_dict: _Optional[_Mapping[str, WalletPackage]] = ..., event_user_info: _Optional[_Iterable[_Union[EventUserInfo, _Mapping]]] = ..., subscribed_count: _Optional[int] = ..., paid_event_preview: _Optional[_Union[PaidEventPreview, _Mapping]] = ..., wallet_package: _Optional[_Union[WalletPackage, _Mapping]] = ..., register_type: _Optional[int] = ..., periodic_settings: _Optional[str] = ..., periodic_shows: _Optional[str] = ...) -> None: ...

class LiveMessageID(_message.Message):
    __slots__ = ("primary_id", "message_scene")
    PRIMARY_ID_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_SCENE_FIELD_NUMBER: _ClassVar[int]
    primary_id: str
    message_scene: str
    def __init__(self, primary_id: _Optional[str] = ..., message_scene: _Optional[str] = ...) -> None: ...

class LiveMessageSEI(_message.Message):
    __slots__ = ("unique_id", "timestamp")
    UNIQUE_ID_FIELD_NUMBER: _ClassVar[int]
    TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    unique_id: LiveMessageID
    timestamp: int
    def __init__(self, unique_id: _Optional[_Union[LiveMessageID, _Mapping]] = ..., timestamp: _Optional[int] = ...) -> None: ...

class LokiExtraContent(_message.Message):
    __slots__ = ("gift_type", "gift_duration", "need_screen_shot", "should_multi_frame", "view_overlay", "bef_view_render_size", "bef_view_render_fps", "bef_view_fit_mode", "model_names", "requirements")
    GIFT_TYPE_FIELD_NUMBER: _ClassVar[int]
    GIFT_DURATION_FIELD_NUMBER: _ClassVar[int]
    NEED_SCREEN_SHOT_FIELD_NUMBER: _ClassVar[int]
    SHOULD_MULTI_FRAME_FIELD_NUMBER: _ClassVar[int]
    VIEW_OVERLAY_FIELD_NUMBER: _ClassVar[int]
    BEF_VIEW_RENDER_SIZE_FIELD_NUMBER: _ClassVar[int]
    BEF_VIEW_RENDER_FPS_FIELD_NUMBER: _ClassVar[int]
    BEF_VIEW_FIT_MODE_FIELD_NUMBER: _ClassVar[int]
    MODEL_NAMES_FIELD_NUMBER: _ClassVar[int]
    REQUIREMENTS_FIELD_NUMBER: _ClassVar[int]
    gift_type: str
    gift_duration: int
    need_screen_shot: bool
    should_multi_frame: bool
    view_overlay: str
    bef_view_render_size: BEFViewRenderSize
    bef_view_render_fps: int
    bef_view_fit_mode: int
    model_names: str
    requirements: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, gift_type: _Optional[str] = ..., gift_duration: _Optional[int] = ..., need_screen_shot: _Optional[bool] = ..., should_multi_frame: _Optional[bool] = ..., view_overlay: _Optional[str] = ..., bef_view_render_size: _Optional[_Union[BEFViewRenderSize, _Mapping]] = ..., bef_view_render_fps: _Optional[int] = ..., bef_view_fit_mode: _Optional[int] = ..., model_names: _Optional[str] = ..., requirements: _Optional[_Iterable[str]] = ...) -> None: ...

class LynxCrossScreenEffectInfo(_message.Message):
    __slots__ = ("effect_ids",)
    EFFECT_IDS_FIELD_NUMBER: _ClassVar[int]
    effect_ids: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, effect_ids: _Optional[_Iterable[int]] = ...) -> None: ...

class LynxGiftExtra(_message.Message):
    __slots__ = ("id", "code", "type", "params", "extra")
    ID_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    PARAMS_FIELD_NUMBER: _ClassVar[int]
    EXTRA_FIELD_NUMBER: _ClassVar[int]
    id: int
    code: int
    type: int
    params: _containers.RepeatedScalarFieldContainer[str]
    extra: str
    def __init__(self, id: _Optional[int] = ..., code: _Optional[int] = ..., type: _Optional[int] = ..., params: _Optional[_Iterable[str]] = ..., extra: _Optional[str] = ...) -> None: ...

class MatchInfo(_message.Message):
    __slots__ = ("critical", "effect_card_in_use", "multiplier_type", "multiplier_value")
    CRITICAL_FIELD_NUMBER: _ClassVar[int]
    EFFECT_CARD_IN_USE_FIELD_NUMBER: _ClassVar[int]
    MULTIPLIER_TYPE_FIELD_NUMBER: _ClassVar[int]
    MULTIPLIER_VALUE_FIELD_NUMBER: _ClassVar[int]
    critical: int
    effect_card_in_use: bool
    multiplier_type: MatchInfoMultiplierType
    multiplier_value: int
    def __init__(self, critical: _Optional[int] = ..., effect_card_in_use: _Optional[bool] = ..., multiplier_type: _Optional[_Union[MatchInfoMultiplierType, str]] = ..., multiplier_value: _Optional[int] = ...) -> None: ...

class MessageDisplayInfo(_message.Message):
    __slots__ = ("duration_type", "show_duration_ms", "incr_duration_ms", "stay_style")
    DURATION_TYPE_FIELD_NUMBER: _ClassVar[int]
    SHOW_DURATION_MS_FIELD_NUMBER: _ClassVar[int]
    INCR_DURATION_MS_FIELD_NUMBER: _ClassVar[int]
    STAY_STYLE_FIELD_NUMBER: _ClassVar[int]
    duration_type: int
    show_duration_ms: int
    incr_duration_ms: int
    stay_style: int
    def __init__(self, duration_type: _Optional[int] = ..., show_duration_ms: _Optional[int] = ..., incr_duration_ms: _Optional[int] = ..., stay_style: _Optional[int] = ...) -> None: ...

class MsgFilter(_message.Message):
    __slots__ = ("is_gifter", "is_subscribed_to_anchor")
    IS_GIFTER_FIELD_NUMBER: _ClassVar[int]
    IS_SUBSCRIBED_TO_ANCHOR_FIELD_NUMBER: _ClassVar[int]
    is_gifter: bool
    is_subscribed_to_anchor: bool
    def __init__(self, is_gifter: _Optional[bool] = ..., is_subscribed_to_anchor: _Optional[bool] = ...) -> None: ...

class MusicGiftInfo(_message.Message):
    __slots__ = ("artist_name", "resource", "song_id", "mood_id", "song_name")
    ARTIST_NAME_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    SONG_ID_FIELD_NUMBER: _ClassVar[int]
    MOOD_ID_FIELD_NUMBER: _ClassVar[int]
    SONG_NAME_FIELD_NUMBER: _ClassVar[int]
    artist_name: str
    resource: AudioResource
    song_id: int
    mood_id: int
    song_name: str
    def __init__(self, artist_name: _Optional[str] = ..., resource: _Optional[_Union[AudioResource, _Mapping]] = ..., song_id: _Optional[int] = ..., mood_id: _Optional[int] = ..., song_name: _Optional[str] = ...) -> None: ...

class NumberConfig(_message.Message):
    __slots__ = ("number", "font_style", "background")
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    FONT_STYLE_FIELD_NUMBER: _ClassVar[int]
    BACKGROUND_FIELD_NUMBER: _ClassVar[int]
    number: int
    font_style: FontStyle
    background: CombineBadgeBackground
    def __init__(self, number: _Optional[int] = ..., font_style: _Optional[_Union[FontStyle, _Mapping]] = ..., background: _Optional[_Union[CombineBadgeBackground, _Mapping]] = ...) -> None: ...

class OperationInfo(_message.Message):
    __slots__ = ("initial_state", "success_state", "failure_state")
    INITIAL_STATE_FIELD_NUMBER: _ClassVar[int]
    SUCCESS_STATE_FIELD_NUMBER: _ClassVar[int]
    FAILURE_STATE_FIELD_NUMBER: _ClassVar[int]
    initial_state: OperationState
    success_state: OperationState
    failure_state: OperationState
    def __init__(self, initial_state: _Optional[_Union[OperationState, _Mapping]] = ..., success_state: _Optional[_Union[OperationState, _Mapping]] = ..., failure_state: _Optional[_Union[OperationState, _Mapping]] = ...) -> None: ...

class OperationState(_message.Message):
    __slots__ = ("scene", "icon", "text", "schema", "animation_style", "duration")
    SCENE_FIELD_NUMBER: _ClassVar[int]
    ICON_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    SCHEMA_FIELD_NUMBER: _ClassVar[int]
    ANIMATION_STYLE_FIELD_NUMBER: _ClassVar[int]
    DURATION_FIELD_NUMBER: _ClassVar[int]
    scene: str
    icon: ImageModel
    text: Text
    schema: str
    animation_style: int
    duration: int
    def __init__(self, scene: _Optional[str] = ..., icon: _Optional[_Union[ImageModel, _Mapping]] = ..., text: _Optional[_Union[Text, _Mapping]] = ..., schema: _Optional[str] = ..., animation_style: _Optional[int] = ..., duration: _Optional[int] = ...) -> None: ...

class OwnRoom(_message.Message):
    __slots__ = ("room_ids", "room_ids_str")
    ROOM_IDS_FIELD_NUMBER: _ClassVar[int]
    ROOM_IDS_STR_FIELD_NUMBER: _ClassVar[int]
    room_ids: _containers.RepeatedScalarFieldContainer[int]
    room_ids_str: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, room_ids: _Optional[_Iterable[int]] = ..., room_ids_str: _Optional[_Iterable[str]] = ...) -> None: ...

class PaddingInfo(_message.Message):
    __slots__ = ("use_specific", "middle_padding", "badge_width", "left_padding", "right_padding", "icon_top_padding", "icon_bottom_padding", "horizontal_padding_rule", "vertical_padding_rule")
    USE_SPECIFIC_FIELD_NUMBER: _ClassVar[int]
    MIDDLE_PADDING_FIELD_NUMBER: _ClassVar[int]
    BADGE_WIDTH_FIELD_NUMBER: _ClassVar[int]
    LEFT_PADDING_FIELD_NUMBER: _ClassVar[int]
    RIGHT_PADDING_FIELD_NUMBER: _ClassVar[int]
    ICON_TOP_PADDING_FIELD_NUMBER: _ClassVar[int]
    ICON_BOTTOM_PADDING_FIELD_NUMBER: _ClassVar[int]
    HORIZONTAL_PADDING_RULE_FIELD_NUMBER: _ClassVar[int]
    VERTICAL_PADDING_RULE_FIELD_NUMBER: _ClassVar[int]
    use_specific: bool
    middle_padding: int
    badge_width: int
    left_padding: int
    right_padding: int
    icon_top_padding: int
    icon_bottom_padding: int
    horizontal_padding_rule: HorizontalPaddingRule
    vertical_padding_rule: VerticalPaddingRule
    def __init__(self, use_specific: _Optional[bool] = ..., middle_padding: _Optional[int] = ..., badge_width: _Optional[int] = ..., left_padding: _Optional[int] = ..., right_padding: _Optional[int] = ..., icon_top_padding: _Optional[int] = ..., icon_bottom_padding: _Optional[int] = ..., horizontal_padding_rule: _Optional[_Union[HorizontalPaddingRule, str]] = ..., vertical_padding_rule: _Optional[_Union[VerticalPaddingRule, str]] = ...) -> None: ...

class PaidEventPreview(_message.Message):
    __slots__ = ("allow_preview", "allow_preview_time")
    ALLOW_PREVIEW_FIELD_NUMBER: _ClassVar[int]
    ALLOW_PREVIEW_TIME_FIELD_NUMBER: _ClassVar[int]
    allow_preview: int
    allow_preview_time: int
    def __init__(self, allow_preview: _Optional[int] = ..., allow_preview_time: _Optional[int] = ...) -> None: ...

class PatternRef(_message.Message):
    __slots__ = ("key", "default_pattern", "key_groups")
    class KeyGroupsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    KEY_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_PATTERN_FIELD_NUMBER: _ClassVar[int]
    KEY_GROUPS_FIELD_NUMBER: _ClassVar[int]
    key: str
    default_pattern: str
    key_groups: _containers.ScalarMap[str, str]
    def __init__(self, key: _Optional[str] = ..., default_pattern: _Optional[str] = ..., key_groups: _Optional[_Mapping[str, str]] = ...) -> None: ...

class PerceptionDialogInfo(_message.Message):
    __slots__ = ("icon_type", "title", "sub_title", "advice_action_text", "default_action_text", "violation_detail_url", "scene", "target_user_id", "target_room_id", "count_down_time", "show_feedback", "feedback_options", "policy_tip", "appeal_popup", "close_action_text")
    ICON_TYPE_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    SUB_TITLE_FIELD_NUMBER: _ClassVar[int]
    ADVICE_ACTION_TEXT_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_ACTION_TEXT_FIELD_NUMBER: _ClassVar[int]
    VIOLATION_DETAIL_URL_FIELD_NUMBER: _ClassVar[int]
    SCENE_FIELD_NUMBER: _ClassVar[int]
    TARGET_USER_ID_FIELD_NUMBER: _ClassVar[int]
    TARGET_ROOM_ID_FIELD_NUMBER: _ClassVar[int]
    COUNT_DOWN_TIME_FIELD_NUMBER: _ClassVar[int]
    SHOW_FEEDBACK_FIELD_NUMBER: _ClassVar[int]
    FEEDBACK_OPTIONS_FIELD_NUMBER: _ClassVar[int]
    POLICY_TIP_FIELD_NUMBER: _ClassVar[int]
    APPEAL_POPUP_FIELD_NUMBER: _ClassVar[int]
    CLOSE_ACTION_TEXT_FIELD_NUMBER: _ClassVar[int]
    icon_type: PerceptionDialogIconType
    title: Text
    sub_title: Text
    advice_action_text: Text
    default_action_text: Text
    violation_detail_url: str
    scene: int
    target_user_id: int
    target_room_id: int
    count_down_time: int
    show_feedback: bool
    feedback_options: _containers.RepeatedCompositeFieldContainer[PerceptionFeedbackOption]
    policy_tip: int
    appeal_popup: int
    close_action_text: Text
    def __init__(self, icon_type: _Optional[_Union[PerceptionDialogIconType, str]] = ..., title: _Optional[_Union[Text, _Mapping]] = ..., sub_title: _Optional[_Union[Text, _Mapping]] = ..., advice_action_text: _Optional[_Union[Text, _Mapping]] = ..., default_action_text: _Optional[_Union[Text, _Mapping]] = ..., violation_detail_url: _Optional[str] = ..., scene: _Optional[int] = ..., target_user_id: _Optional[int] = ..., target_room_id: _Optional[int] = ..., count_down_time: _Optional[int] = ..., show_feedback: _Optional[bool] = ..., feedback_options: _Optional[_Iterable[_Union[PerceptionFeedbackOption, _Mapping]]] = ..., policy_tip: _Optional[int] = ..., appeal_popup: _Optional[int] = ..., close_action_text: _Optional[_Union[Text, _Mapping]] = ...) -> None: ...

class PerceptionFeedbackOption(_message.Message):
    __slots__ = ("id", "content_key")
    ID_FIELD_NUMBER: _ClassVar[int]
    CONTENT_KEY_FIELD_NUMBER: _ClassVar[int]
    id: int
    content_key: str
    def __init__(self, id: _Optional[int] = ..., content_key: _Optional[str] = ...) -> None: ...

class PopUpInfo(_message.Message):
    __slots__ = ("title", "description")
    TITLE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    title: str
    description: str
    def __init__(self, title: _Optional[str] = ..., description: _Optional[str] = ...) -> None: ...

class PortraitInfo(_message.Message):
    __slots__ = ("user_metrics", "portrait_tag")
    USER_METRICS_FIELD_NUMBER: _ClassVar[int]
    PORTRAIT_TAG_FIELD_NUMBER: _ClassVar[int]
    user_metrics: _containers.RepeatedCompositeFieldContainer[UserMetrics]
    portrait_tag: _containers.RepeatedCompositeFieldContainer[PortraitTag]
    def __init__(self, user_metrics: _Optional[_Iterable[_Union[UserMetrics, _Mapping]]] = ..., portrait_tag: _Optional[_Iterable[_Union[PortraitTag, _Mapping]]] = ...) -> None: ...

class PortraitTag(_message.Message):
    __slots__ = ("tag_id", "priority", "show_value", "show_args")
    TAG_ID_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    SHOW_VALUE_FIELD_NUMBER: _ClassVar[int]
    SHOW_ARGS_FIELD_NUMBER: _ClassVar[int]
    tag_id: str
    priority: int
    show_value: str
    show_args: str
    def __init__(self, tag_id: _Optional[str] = ..., priority: _Optional[int] = ..., show_value: _Optional[str] = ..., show_args: _Optional[str] = ...) -> None: ...

class PrefabBundle(_message.Message):
    __slots__ = ("prefab_effect_ids",)
    PREFAB_EFFECT_IDS_FIELD_NUMBER: _ClassVar[int]
    prefab_effect_ids: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, prefab_effect_ids: _Optional[_Iterable[int]] = ...) -> None: ...

class PrivilegeLogExtra(_message.Message):
    __slots__ = ("data_version", "privilege_id", "privilege_version", "privilege_order_id", "level", "start_time", "end_time")
    DATA_VERSION_FIELD_NUMBER: _ClassVar[int]
    PRIVILEGE_ID_FIELD_NUMBER: _ClassVar[int]
    PRIVILEGE_VERSION_FIELD_NUMBER: _ClassVar[int]
    PRIVILEGE_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    data_version: str
    privilege_id: str
    privilege_version: str
    privilege_order_id: str
    level: str
    start_time: int
    end_time: int
    def __init__(self, data_version: _Optional[str] = ..., privilege_id: _Optional[str] = ..., privilege_version: _Optional[str] = ..., privilege_order_id: _Optional[str] = ..., level: _Optional[str] = ..., start_time: _Optional[int] = ..., end_time: _Optional[int] = ...) -> None: ...

class ProfileCardPanel(_message.Message):
    __slots__ = ("use_new_profile_card_style", "badge_text_position", "projection_config", "profile_content", "separator_config")
    USE_NEW_PROFILE_CARD_STYLE_FIELD_NUMBER: _ClassVar[int]
    BADGE_TEXT_POSITION_FIELD_NUMBER: _ClassVar[int]
    PROJECTION_CONFIG_FIELD_NUMBER: _ClassVar[int]
    PROFILE_CONTENT_FIELD_NUMBER: _ClassVar[int]
    SEPARATOR_CONFIG_FIELD_NUMBER: _ClassVar[int]
    use_new_profile_card_style: bool
    badge_text_position: BadgeTextPosition
    projection_config: ProjectionConfig
    profile_content: ProfileContent
    separator_config: SeparatorConfig
    def __init__(self, use_new_profile_card_style: _Optional[bool] = ..., badge_text_position: _Optional[_Union[BadgeTextPosition, str]] = ..., projection_config: _Optional[_Union[ProjectionConfig, _Mapping]] = ..., profile_content: _Optional[_Union[ProfileContent, _Mapping]] = ..., separator_config: _Optional[_Union[SeparatorConfig, _Mapping]] = ...) -> None: ...

class ProfileContent(_message.Message):
    __slots__ = ("use_content", "icon_list", "number_config", "label_config")
    USE_CONTENT_FIELD_NUMBER: _ClassVar[int]
    ICON_LIST_FIELD_NUMBER: _ClassVar[int]
    NUMBER_CONFIG_FIELD_NUMBER: _ClassVar[int]
    LABEL_CONFIG_FIELD_NUMBER: _ClassVar[int]
    use_content: bool
    icon_list: _containers.RepeatedCompositeFieldContainer[IconConfig]
    number_config: NumberConfig
    label_config: LabelConfig
    def __init__(self, use_content: _Optional[bool] = ..., icon_list: _Optional[_Iterable[_Union[IconConfig, _Mapping]]] = ..., number_config: _Optional[_Union[NumberConfig, _Mapping]] = ..., label_config: _Optional[_Union[LabelConfig, _Mapping]] = ...) -> None: ...

class ProjectionConfig(_message.Message):
    __slots__ = ("use_projection", "icon")
    USE_PROJECTION_FIELD_NUMBER: _ClassVar[int]
    ICON_FIELD_NUMBER: _ClassVar[int]
    use_projection: bool
    icon: ImageModel
    def __init__(self, use_projection: _Optional[bool] = ..., icon: _Optional[_Union[ImageModel, _Mapping]] = ...) -> None: ...

class ProtoMessageFetchResult(_message.Message):
    __slots__ = ("messages", "cursor", "fetch_interval", "now", "internal_ext", "fetch_type", "route_params", "heartbeat_duration", "need_ack", "push_server", "is_first", "history_comment_cursor", "history_no_more")
    class RouteParamsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    MESSAGES_FIELD_NUMBER: _ClassVar[int]
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    FETCH_INTERVAL_FIELD_NUMBER: _ClassVar[int]
    NOW_FIELD_NUMBER: _ClassVar[int]
    INTERNAL_EXT_FIELD_NUMBER: _ClassVar[int]
    FETCH_TYPE_FIELD_NUMBER: _ClassVar[int]
    ROUTE_PARAMS_FIELD_NUMBER: _ClassVar[int]
    HEARTBEAT_DURATION_FIELD_NUMBER: _ClassVar[int]
    NEED_ACK_FIELD_NUMBER: _ClassVar[int]
    PUSH_SERVER_FIELD_NUMBER: _ClassVar[int]
    IS_FIRST_FIELD_NUMBER: _ClassVar[int]
    HISTORY_COMMENT_CURSOR_FIELD_NUMBER: _ClassVar[int]
    HISTORY_NO_MORE_FIELD_NUMBER: _ClassVar[int]
    messages: _containers.RepeatedCompositeFieldContainer[BaseProtoMessage]
    cursor: str
    fetch_interval: int
    now: int
    internal_ext: str
    fetch_type: int
    route_params: _containers.ScalarMap[str, str]
    heartbeat_duration: int
    need_ack: bool
    push_server: str
    is_first: bool
    history_comment_cursor: str
    history_no_more: bool
    def __init__(self, messages: _Optional[_Iterable[_Union[BaseProtoMessage, _Mapping]]] = ..., cursor: _Optional[str] = ..., fetch_interval: _Optional[int] = ..., now: _Optional[int] = ..., internal_ext: _Optional[str] = ..., fetch_type: _Optional[int] = ..., route_params: _Optional[_Mapping[str, str]] = ..., heartbeat_duration: _Optional[int] = ..., need_ack: _Optional[bool] = ..., push_server: _Optional[str] = ..., is_first: _Optional[bool] = ..., history_comment_cursor: _Optional[str] = ..., history_no_more: _Optional[bool] = ...) -> None: ...

class PublicAreaCommon(_message.Message):
    __slots__ = ("user_label", "user_consume_in_room")
    USER_LABEL_FIELD_NUMBER: _ClassVar[int]
    USER_CONSUME_IN_ROOM_FIELD_NUMBER: _ClassVar[int]
    user_label: ImageModel
    user_consume_in_room: int
    def __init__(self, user_label: _Optional[_Union[ImageModel, _Mapping]] = ..., user_consume_in_room: _Optional[int] = ...) -> None: ...

class PublicAreaMessageCommon(_message.Message):
    __slots__ = ("scroll_gap_count", "anchor_scroll_gap_count", "release_to_scroll_area", "anchor_release_to_scroll_area", "is_anchor_marked", "creator_success_info", "portrait_info", "user_interaction_info", "admin_fold_type", "display_info", "hide_above_scroll_area", "operation_info", "dynamic_display_text")
    SCROLL_GAP_COUNT_FIELD_NUMBER: _ClassVar[int]
    ANCHOR_SCROLL_GAP_COUNT_FIELD_NUMBER: _ClassVar[int]
    RELEASE_TO_SCROLL_AREA_FIELD_NUMBER: _ClassVar[int]
    ANCHOR_RELEASE_TO_SCROLL_AREA_FIELD_NUMBER: _ClassVar[int]
    IS_ANCHOR_MARKED_FIELD_NUMBER: _ClassVar[int]
    CREATOR_SUCCESS_INFO_FIELD_NUMBER: _ClassVar[int]
    PORTRAIT_INFO_FIELD_NUMBER: _ClassVar[int]
    USER_INTERACTION_INFO_FIELD_NUMBER: _ClassVar[int]
    ADMIN_FOLD_TYPE_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_INFO_FIELD_NUMBER: _ClassVar[int]
    HIDE_ABOVE_SCROLL_AREA_FIELD_NUMBER: _ClassVar[int]
    OPERATION_INFO_FIELD_NUMBER: _ClassVar[int]
    DYNAMIC_DISPLAY_TEXT_FIELD_NUMBER: _ClassVar[int]
    scroll_gap_count: int
    anchor_scroll_gap_count: int
    release_to_scroll_area: bool
    anchor_release_to_scroll_area: bool
    is_anchor_marked: bool
    creator_success_info: CreatorSuccessInfo
    portrait_info: PortraitInfo
    user_interaction_info: UserInteractionInfo
    admin_fold_type: int
    display_info: MessageDisplayInfo
    hide_above_scroll_area: bool
    operation_info: OperationInfo
    dynamic_display_text: Text
    def __init__(self, scroll_gap_count: _Optional[int] = ..., anchor_scroll_gap_count: _Optional[int] = ..., release_to_scroll_area: _Optional[bool] = ..., anchor_release_to_scroll_area: _Optional[bool] = ..., is_anchor_marked: _Optional[bool] = ..., creator_success_info: _Optional[_Union[CreatorSuccessInfo, _Mapping]] = ..., portrait_info: _Optional[_Union[PortraitInfo, _Mapping]] = ..., user_interaction_info: _Optional[_Union[UserInteractionInfo, _Mapping]] = ..., admin_fold_type: _Optional[int] = ..., display_info: _Optional[_Union[MessageDisplayInfo, _Mapping]] = ..., hide_above_scroll_area: _Optional[bool] = ..., operation_info: _Optional[_Union[OperationInfo, _Mapping]] = ..., dynamic_display_text: _Optional[_Union[Text, _Mapping]] = ...) -> None: ...

class PunishEventInfo(_message.Message):
    __slots__ = ("punish_type", "punish_reason", "punish_id", "violation_uid", "punish_type_id", "duration", "punish_perception_code", "end_time", "violation_uid_str", "show_reason")
    PUNISH_TYPE_FIELD_NUMBER: _ClassVar[int]
    PUNISH_REASON_FIELD_NUMBER: _ClassVar[int]
    PUNISH_ID_FIELD_NUMBER: _ClassVar[int]
    VIOLATION_UID_FIELD_NUMBER: _ClassVar[int]
    PUNISH_TYPE_ID_FIELD_NUMBER: _ClassVar[int]
    DURATION_FIELD_NUMBER: _ClassVar[int]
    PUNISH_PERCEPTION_CODE_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    VIOLATION_UID_STR_FIELD_NUMBER: _ClassVar[int]
    SHOW_REASON_FIELD_NUMBER: _ClassVar[int]
    punish_type: str
    punish_reason: str
    punish_id: str
    violation_uid: int
    punish_type_id: PunishTypeId
    duration: int
    punish_perception_code: str
    end_time: int
    violation_uid_str: str
    show_reason: str
    def __init__(self, punish_type: _Optional[str] = ..., punish_reason: _Optional[str] = ..., punish_id: _Optional[str] = ..., violation_uid: _Optional[int] = ..., punish_type_id: _Optional[_Union[PunishTypeId, str]] = ..., duration: _Optional[int] = ..., punish_perception_code: _Optional[str] = ..., end_time: _Optional[int] = ..., violation_uid_str: _Optional[str] = ..., show_reason: _Optional[str] = ...) -> None: ...

class PushHeader(_message.Message):
    __slots__ = ("key", "value")
    KEY_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    key: str
    value: str
    def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...

class RandomGiftBubble(_message.Message):
    __slots__ = ("display_text", "icon_dynamic_effect")
    DISPLAY_TEXT_FIELD_NUMBER: _ClassVar[int]
    ICON_DYNAMIC_EFFECT_FIELD_NUMBER: _ClassVar[int]
    display_text: str
    icon_dynamic_effect: ImageModel
    def __init__(self, display_text: _Optional[str] = ..., icon_dynamic_effect: _Optional[_Union[ImageModel, _Mapping]] = ...) -> None: ...

class RandomGiftPanelBanner(_message.Message):
    __slots__ = ("bg_image", "shading_image", "target_num", "collect_num", "display_text", "left_icon", "schema_url", "bg_color_values", "round", "banner_priority")
    BG_IMAGE_FIELD_NUMBER: _ClassVar[int]
    SHADING_IMAGE_FIELD_NUMBER: _ClassVar[int]
    TARGET_NUM_FIELD_NUMBER: _ClassVar[int]
    COLLECT_NUM_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_TEXT_FIELD_NUMBER: _ClassVar[int]
    LEFT_ICON_FIELD_NUMBER: _ClassVar[int]
    SCHEMA_URL_FIELD_NUMBER: _ClassVar[int]
    BG_COLOR_VALUES_FIELD_NUMBER: _ClassVar[int]
    ROUND_FIELD_NUMBER: _ClassVar[int]
    BANNER_PRIORITY_FIELD_NUMBER: _ClassVar[int]
    bg_image: ImageModel
    shading_image: ImageModel
    target_num: int
    collect_num: int
    display_text: str
    left_icon: ImageModel
    schema_url: str
    bg_color_values: _containers.RepeatedScalarFieldContainer[str]
    round: int
    banner_priority: int
    def __init__(self, bg_image: _Optional[_Union[ImageModel, _Mapping]] = ..., shading_image: _Optional[_Union[ImageModel, _Mapping]] = ..., target_num: _Optional[int] = ..., collect_num: _Optional[int] = ..., display_text: _Optional[str] = ..., left_icon: _Optional[_Union[ImageModel, _Mapping]] = ..., schema_url: _Optional[str] = ..., bg_color_values: _Optional[_Iterable[str]] = ..., round: _Optional[int] = ..., banner_priority: _Optional[int] = ...) -> None: ...

class ResourceModel(_message.Message):
    __slots__ = ("url_list", "uri")
    URL_LIST_FIELD_NUMBER: _ClassVar[int]
    URI_FIELD_NUMBER: _ClassVar[int]
    url_list: _containers.RepeatedScalarFieldContainer[str]
    uri: str
    def __init__(self, url_list: _Optional[_Iterable[str]] = ..., uri: _Optional[str] = ...) -> None: ...

class SchemeInfo(_message.Message):
    __slots__ = ("scheme_gift_type", "scheme_url", "scheme_describe", "scheme_describe_color")
    SCHEME_GIFT_TYPE_FIELD_NUMBER: _ClassVar[int]
    SCHEME_URL_FIELD_NUMBER: _ClassVar[int]
    SCHEME_DESCRIBE_FIELD_NUMBER: _ClassVar[int]
    SCHEME_DESCRIBE_COLOR_FIELD_NUMBER: _ClassVar[int]
    scheme_gift_type: GiftStructSchemeGiftType
    scheme_url: str
    scheme_describe: str
    scheme_describe_color: str
    def __init__(self, scheme_gift_type: _Optional[_Union[GiftStructSchemeGiftType, str]] = ..., scheme_url: _Optional[str] = ..., scheme_describe: _Optional[str] = ..., scheme_describe_color: _Optional[str] = ...) -> None: ...

class SecondaryEffectInfo(_message.Message):
    __slots__ = ("effect_ids", "builtin_strings", "minute_game_gameplay_id")
    EFFECT_IDS_FIELD_NUMBER: _ClassVar[int]
    BUILTIN_STRINGS_FIELD_NUMBER: _ClassVar[int]
    MINUTE_GAME_GAMEPLAY_ID_FIELD_NUMBER: _ClassVar[int]
    effect_ids: _containers.RepeatedScalarFieldContainer[int]
    builtin_strings: _containers.RepeatedScalarFieldContainer[str]
    minute_game_gameplay_id: int
    def __init__(self, effect_ids: _Optional[_Iterable[int]] = ..., builtin_strings: _Optional[_Iterable[str]] = ..., minute_game_gameplay_id: _Optional[int] = ...) -> None: ...

class SellingPoint(_message.Message):
    __slots__ = ("show_text", "selling_point_type")
    SHOW_TEXT_FIELD_NUMBER: _ClassVar[int]
    SELLING_POINT_TYPE_FIELD_NUMBER: _ClassVar[int]
    show_text: str
    selling_point_type: UserEcommerceEntranceSellingPointLiveSellingPointType
    def __init__(self, show_text: _Optional[str] = ..., selling_point_type: _Optional[_Union[UserEcommerceEntranceSellingPointLiveSellingPointType, str]] = ...) -> None: ...

class SeparatorConfig(_message.Message):
    __slots__ = ("color",)
    COLOR_FIELD_NUMBER: _ClassVar[int]
    color: str
    def __init__(self, color: _Optional[str] = ...) -> None: ...

class ShopEntranceInfo(_message.Message):
    __slots__ = ("shop_id", "shop_name", "shop_rating", "store_label", "format_sold_count", "sold_count", "exp_rate_percentile", "exp_rate_top_display", "rate_display_style", "show_rate_not_applicable", "selling_point")
    SHOP_ID_FIELD_NUMBER: _ClassVar[int]
    SHOP_NAME_FIELD_NUMBER: _ClassVar[int]
    SHOP_RATING_FIELD_NUMBER: _ClassVar[int]
    STORE_LABEL_FIELD_NUMBER: _ClassVar[int]
    FORMAT_SOLD_COUNT_FIELD_NUMBER: _ClassVar[int]
    SOLD_COUNT_FIELD_NUMBER: _ClassVar[int]
    EXP_RATE_PERCENTILE_FIELD_NUMBER: _ClassVar[int]
    EXP_RATE_TOP_DISPLAY_FIELD_NUMBER: _ClassVar[int]
    RATE_DISPLAY_STYLE_FIELD_NUMBER: _ClassVar[int]
    SHOW_RATE_NOT_APPLICABLE_FIELD_NUMBER: _ClassVar[int]
    SELLING_POINT_FIELD_NUMBER: _ClassVar[int]
    shop_id: str
    shop_name: str
    shop_rating: str
    store_label: StoreLabel
    format_sold_count: str
    sold_count: int
    exp_rate_percentile: int
    exp_rate_top_display: str
    rate_display_style: int
    show_rate_not_applicable: bool
    selling_point: _containers.RepeatedCompositeFieldContainer[SellingPoint]
    def __init__(self, shop_id: _Optional[str] = ..., shop_name: _Optional[str] = ..., shop_rating: _Optional[str] = ..., store_label: _Optional[_Union[StoreLabel, _Mapping]] = ..., format_sold_count: _Optional[str] = ..., sold_count: _Optional[int] = ..., exp_rate_percentile: _Optional[int] = ..., exp_rate_top_display: _Optional[str] = ..., rate_display_style: _Optional[int] = ..., show_rate_not_applicable: _Optional[bool] = ..., selling_point: _Optional[_Iterable[_Union[SellingPoint, _Mapping]]] = ...) -> None: ...

class ShopLabelImage(_message.Message):
    __slots__ = ("height", "width", "minetype", "thumb_uri", "thumb_uri_list", "uri", "url_list", "color")
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    WIDTH_FIELD_NUMBER: _ClassVar[int]
    MINETYPE_FIELD_NUMBER: _ClassVar[int]
    THUMB_URI_FIELD_NUMBER: _ClassVar[int]
    THUMB_URI_LIST_FIELD_NUMBER: _ClassVar[int]
    URI_FIELD_NUMBER: _ClassVar[int]
    URL_LIST_FIELD_NUMBER: _ClassVar[int]
    COLOR_FIELD_NUMBER: _ClassVar[int]
    height: int
    width: int
    minetype: str
    thumb_uri: str
    thumb_uri_list: _containers.RepeatedScalarFieldContainer[str]
    uri: str
    url_list: _containers.RepeatedScalarFieldContainer[str]
    color: str
    def __init__(self, height: _Optional[int] = ..., width: _Optional[int] = ..., minetype: _Optional[str] = ..., thumb_uri: _Optional[str] = ..., thumb_uri_list: _Optional[_Iterable[str]] = ..., uri: _Optional[str] = ..., url_list: _Optional[_Iterable[str]] = ..., color: _Optional[str] = ...) -> None: ...

class ShowcaseEntranceInfo(_message.Message):
    __slots__ = ("format_sold_count", "sold_count", "showcase_name", "selling_point", "creator_score_profile")
    FORMAT_SOLD_COUNT_FIELD_NUMBER: _ClassVar[int]
    SOLD_COUNT_FIELD_NUMBER: _ClassVar[int]
    SHOWCASE_NAME_FIELD_NUMBER: _ClassVar[int]
    SELLING_POINT_FIELD_NUMBER: _ClassVar[int]
    CREATOR_SCORE_PROFILE_FIELD_NUMBER: _ClassVar[int]
    format_sold_count: str
    sold_count: int
    showcase_name: str
    selling_point: _containers.RepeatedCompositeFieldContainer[SellingPoint]
    creator_score_profile: CreatorScoreProfile
    def __init__(self, format_sold_count: _Optional[str] = ..., sold_count: _Optional[int] = ..., showcase_name: _Optional[str] = ..., selling_point: _Optional[_Iterable[_Union[SellingPoint, _Mapping]]] = ..., creator_score_profile: _Optional[_Union[CreatorScoreProfile, _Mapping]] = ...) -> None: ...

class SpecifiedDisplayText(_message.Message):
    __slots__ = ("uid", "display_text")
    UID_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_TEXT_FIELD_NUMBER: _ClassVar[int]
    uid: int
    display_text: Text
    def __init__(self, uid: _Optional[int] = ..., display_text: _Optional[_Union[Text, _Mapping]] = ...) -> None: ...

class SponsorshipInfo(_message.Message):
    __slots__ = ("gift_id", "sponsor_id", "light_gift_up", "unlighted_gift_icon", "gift_gallery_detail_page_scheme_url", "gift_gallery_click_sponsor", "gift_tray_style", "become_all_sponsored")
    GIFT_ID_FIELD_NUMBER: _ClassVar[int]
    SPONSOR_ID_FIELD_NUMBER: _ClassVar[int]
    LIGHT_GIFT_UP_FIELD_NUMBER: _ClassVar[int]
    UNLIGHTED_GIFT_ICON_FIELD_NUMBER: _ClassVar[int]
    GIFT_GALLERY_DETAIL_PAGE_SCHEME_URL_FIELD_NUMBER: _ClassVar[int]
    GIFT_GALLERY_CLICK_SPONSOR_FIELD_NUMBER: _ClassVar[int]
    GIFT_TRAY_STYLE_FIELD_NUMBER: _ClassVar[int]
    BECOME_ALL_SPONSORED_FIELD_NUMBER: _ClassVar[int]
    gift_id: int
    sponsor_id: int
    light_gift_up: bool
    unlighted_gift_icon: str
    gift_gallery_detail_page_scheme_url: str
    gift_gallery_click_sponsor: bool
    gift_tray_style: GiftTrayStyle
    become_all_sponsored: bool
    def __init__(self, gift_id: _Optional[int] = ..., sponsor_id: _Optional[int] = ..., light_gift_up: _Optional[bool] = ..., unlighted_gift_icon: _Optional[str] = ..., gift_gallery_detail_page_scheme_url: _Optional[str] = ..., gift_gallery_click_sponsor: _Optional[bool] = ..., gift_tray_style: _Optional[_Union[GiftTrayStyle, str]] = ..., become_all_sponsored: _Optional[bool] = ...) -> None: ...

class StoreIdentityLabel(_message.Message):
    __slots__ = ("label_type", "identity_label_text", "identity_logo_light", "identity_logo_dark", "identity_label_bg_color_light", "identity_label_bg_color_dark", "identity_label_text_color_light", "identity_label_text_color_dark", "shop_explanation_page_schema", "shop_identity_label_key")
    LABEL_TYPE_FIELD_NUMBER: _ClassVar[int]
    IDENTITY_LABEL_TEXT_FIELD_NUMBER: _ClassVar[int]
    IDENTITY_LOGO_LIGHT_FIELD_NUMBER: _ClassVar[int]
    IDENTITY_LOGO_DARK_FIELD_NUMBER: _ClassVar[int]
    IDENTITY_LABEL_BG_COLOR_LIGHT_FIELD_NUMBER: _ClassVar[int]
    IDENTITY_LABEL_BG_COLOR_DARK_FIELD_NUMBER: _ClassVar[int]
    IDENTITY_LABEL_TEXT_COLOR_LIGHT_FIELD_NUMBER: _ClassVar[int]
    IDENTITY_LABEL_TEXT_COLOR_DARK_FIELD_NUMBER: _ClassVar[int]
    SHOP_EXPLANATION_PAGE_SCHEMA_FIELD_NUMBER: _ClassVar[int]
    SHOP_IDENTITY_LABEL_KEY_FIELD_NUMBER: _ClassVar[int]
    label_type: UserEcommerceEntranceShopEntranceInfoStoreLabelShopIdentityLabelType
    identity_label_text: str
    identity_logo_light: ShopLabelImage
    identity_logo_dark: ShopLabelImage
    identity_label_bg_color_light: str
    identity_label_bg_color_dark: str
    identity_label_text_color_light: str
    identity_label_text_color_dark: str
    shop_explanation_page_schema: str
    shop_identity_label_key: str
    def __init__(self, label_type: _Optional[_Union[UserEcommerceEntranceShopEntranceInfoStoreLabelShopIdentityLabelType, str]] = ..., identity_label_text: _Optional[str] = ..., identity_logo_light: _Optional[_Union[ShopLabelImage, _Mapping]] = ..., identity_logo_dark: _Optional[_Union[ShopLabelImage, _Mapping]] = ..., identity_label_bg_color_light: _Optional[str] = ..., identity_label_bg_color_dark: _Optional[str] = ..., identity_label_text_color_light: _Optional[str] = ..., identity_label_text_color_dark: _Optional[str] = ..., shop_explanation_page_schema: _Optional[str] = ..., shop_identity_label_key: _Optional[str] = ...) -> None: ...

class StoreLabel(_message.Message):
    __slots__ = ("official_label", "is_bytemall", "shop_identity_label")
    OFFICIAL_LABEL_FIELD_NUMBER: _ClassVar[int]
    IS_BYTEMALL_FIELD_NUMBER: _ClassVar[int]
    SHOP_IDENTITY_LABEL_FIELD_NUMBER: _ClassVar[int]
    official_label: StoreOfficialLabel
    is_bytemall: bool
    shop_identity_label: StoreIdentityLabel
    def __init__(self, official_label: _Optional[_Union[StoreOfficialLabel, _Mapping]] = ..., is_bytemall: _Optional[bool] = ..., shop_identity_label: _Optional[_Union[StoreIdentityLabel, _Mapping]] = ...) -> None: ...

class StoreOfficialLabel(_message.Message):
    __slots__ = ("label_image_light", "label_image_dark", "label_type", "label_type_str")
    LABEL_IMAGE_LIGHT_FIELD_NUMBER: _ClassVar[int]
    LABEL_IMAGE_DARK_FIELD_NUMBER: _ClassVar[int]
    LABEL_TYPE_FIELD_NUMBER: _ClassVar[int]
    LABEL_TYPE_STR_FIELD_NUMBER: _ClassVar[int]
    label_image_light: ShopLabelImage
    label_image_dark: ShopLabelImage
    label_type: UserEcommerceEntranceShopEntranceInfoStoreLabelStoreBrandLabelType
    label_type_str: str
    def __init__(self, label_image_light: _Optional[_Union[ShopLabelImage, _Mapping]] = ..., label_image_dark: _Optional[_Union[ShopLabelImage, _Mapping]] = ..., label_type: _Optional[_Union[UserEcommerceEntranceShopEntranceInfoStoreLabelStoreBrandLabelType, str]] = ..., label_type_str: _Optional[str] = ...) -> None: ...

class StretchableBackgroundImage(_message.Message):
    __slots__ = ("image", "flex_settings")
    IMAGE_FIELD_NUMBER: _ClassVar[int]
    FLEX_SETTINGS_FIELD_NUMBER: _ClassVar[int]
    image: ImageModel
    flex_settings: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, image: _Optional[_Union[ImageModel, _Mapping]] = ..., flex_settings: _Optional[_Iterable[int]] = ...) -> None: ...

class StringBadge(_message.Message):
    __slots__ = ("display_type", "str")
    DISPLAY_TYPE_FIELD_NUMBER: _ClassVar[int]
    STR_FIELD_NUMBER: _ClassVar[int]
    display_type: BadgeDisplayType
    str: str
    def __init__(self, display_type: _Optional[_Union[BadgeDisplayType, str]] = ..., str: _Optional[str] = ...) -> None: ...

class SubSplitStatus(_message.Message):
    __slots__ = ("is_old_sub_creator", "cur_period")
    IS_OLD_SUB_CREATOR_FIELD_NUMBER: _ClassVar[int]
    CUR_PERIOD_FIELD_NUMBER: _ClassVar[int]
    is_old_sub_creator: bool
    cur_period: SubSplitPeriod
    def __init__(self, is_old_sub_creator: _Optional[bool] = ..., cur_period: _Optional[_Union[SubSplitPeriod, str]] = ...) -> None: ...

class SubscribeBadge(_message.Message):
    __slots__ = ("origin_img", "preview_img", "is_customized")
    ORIGIN_IMG_FIELD_NUMBER: _ClassVar[int]
    PREVIEW_IMG_FIELD_NUMBER: _ClassVar[int]
    IS_CUSTOMIZED_FIELD_NUMBER: _ClassVar[int]
    origin_img: ImageModel
    preview_img: ImageModel
    is_customized: bool
    def __init__(self, origin_img: _Optional[_Union[ImageModel, _Mapping]] = ..., preview_img: _Optional[_Union[ImageModel, _Mapping]] = ..., is_customized: _Optional[bool] = ...) -> None: ...

class SubscribeInfo(_message.Message):
    __slots__ = ("qualification", "is_subscribe", "badge", "enable_subscription", "subscriber_count", "is_in_grace_period", "is_subscribed_to_anchor", "timer_detail", "user_gift_sub_auth", "anchor_gift_sub_auth", "status", "sub_end_time", "package_id", "sol_room_display_text", "is_sol_eligible", "sub_split_status")
    QUALIFICATION_FIELD_NUMBER: _ClassVar[int]
    IS_SUBSCRIBE_FIELD_NUMBER: _ClassVar[int]
    BADGE_FIELD_NUMBER: _ClassVar[int]
    ENABLE_SUBSCRIPTION_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIBER_COUNT_FIELD_NUMBER: _ClassVar[int]
    IS_IN_GRACE_PERIOD_FIELD_NUMBER: _ClassVar[int]
    IS_SUBSCRIBED_TO_ANCHOR_FIELD_NUMBER: _ClassVar[int]
    TIMER_DETAIL_FIELD_NUMBER: _ClassVar[int]
    USER_GIFT_SUB_AUTH_FIELD_NUMBER: _ClassVar[int]
    ANCHOR_GIFT_SUB_AUTH_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SUB_END_TIME_FIELD_NUMBER: _ClassVar[int]
    PACKAGE_ID_FIELD_NUMBER: _ClassVar[int]
    SOL_ROOM_DISPLAY_TEXT_FIELD_NUMBER: _ClassVar[int]
    IS_SOL_ELIGIBLE_FIELD_NUMBER: _ClassVar[int]
    SUB_SPLIT_STATUS_FIELD_NUMBER: _ClassVar[int]
    qualification: bool
    is_subscribe: bool
    badge: SubscribeBadge
    enable_subscription: bool
    subscriber_count: int
    is_in_grace_period: bool
    is_subscribed_to_anchor: bool
    timer_detail: TimerDetail
    user_gift_sub_auth: bool
    anchor_gift_sub_auth: bool
    status: UserSubscribeInfoPayStatus
    sub_end_time: int
    package_id: str
    sol_room_display_text: str
    is_sol_eligible: bool
    sub_split_status: SubSplitStatus
    def __init__(self, qualification: _Optional[bool] = ..., is_subscribe: _Optional[bool] = ..., badge: _Optional[_Union[SubscribeBadge, _Mapping]] = ..., enable_subscription: _Optional[bool] = ..., subscriber_count: _Optional[int] = ..., is_in_grace_period: _Optional[bool] = ..., is_subscribed_to_anchor: _Optional[bool] = ..., timer_detail: _Optional[_Union[TimerDetail, _Mapping]] = ..., user_gift_sub_auth: _Optional[bool] = ..., anchor_gift_sub_auth: _Optional[bool] = ..., status: _Optional[_Union[UserSubscribeInfoPayStatus, str]] = ..., sub_end_time: _Optional[int] = ..., package_id: _Optional[str] = ..., sol_room_display_text: _Optional[str] = ..., is_sol_eligible: _Optional[bool] = ..., sub_split_status: _Optional[_Union[SubSplitStatus, _Mapping]] = ...) -> None: ...

class TagItem(_message.Message):
    __slots__ = ("tag_type", "tag_text", "tag_value", "display_location", "event_tracking_fields", "biz_name", "disable_count_frequency_control", "disable_crm_click")
    class EventTrackingFieldsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    TAG_TYPE_FIELD_NUMBER: _ClassVar[int]
    TAG_TEXT_FIELD_NUMBER: _ClassVar[int]
    TAG_VALUE_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_LOCATION_FIELD_NUMBER: _ClassVar[int]
    EVENT_TRACKING_FIELDS_FIELD_NUMBER: _ClassVar[int]
    BIZ_NAME_FIELD_NUMBER: _ClassVar[int]
    DISABLE_COUNT_FREQUENCY_CONTROL_FIELD_NUMBER: _ClassVar[int]
    DISABLE_CRM_CLICK_FIELD_NUMBER: _ClassVar[int]
    tag_type: TagType
    tag_text: Text
    tag_value: int
    display_location: int
    event_tracking_fields: _containers.ScalarMap[str, str]
    biz_name: str
    disable_count_frequency_control: bool
    disable_crm_click: bool
    def __init__(self, tag_type: _Optional[_Union[TagType, str]] = ..., tag_text: _Optional[_Union[Text, _Mapping]] = ..., tag_value: _Optional[int] = ..., display_location: _Optional[int] = ..., event_tracking_fields: _Optional[_Mapping[str, str]] = ..., biz_name: _Optional[str] = ..., disable_count_frequency_control: _Optional[bool] = ..., disable_crm_click: _Optional[bool] = ...) -> None: ...

class Text(_message.Message):
    __slots__ = ("key", "default_pattern", "default_format", "pieces")
    KEY_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_PATTERN_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_FORMAT_FIELD_NUMBER: _ClassVar[int]
    PIECES_FIELD_NUMBER: _ClassVar[int]
    key: str
    default_pattern: str
    default_format: TextFormat
    pieces: _containers.RepeatedCompositeFieldContainer[TextPiece]
    def __init__(self, key: _Optional[str] = ..., default_pattern: _Optional[str] = ..., default_format: _Optional[_Union[TextFormat, _Mapping]] = ..., pieces: _Optional[_Iterable[_Union[TextPiece, _Mapping]]] = ...) -> None: ...

class TextBadge(_message.Message):
    __slots__ = ("display_type", "key", "default_pattern", "pieces")
    DISPLAY_TYPE_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_PATTERN_FIELD_NUMBER: _ClassVar[int]
    PIECES_FIELD_NUMBER: _ClassVar[int]
    display_type: BadgeDisplayType
    key: str
    default_pattern: str
    pieces: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, display_type: _Optional[_Union[BadgeDisplayType, str]] = ..., key: _Optional[str] = ..., default_pattern: _Optional[str] = ..., pieces: _Optional[_Iterable[str]] = ...) -> None: ...

class TextEffect(_message.Message):
    __slots__ = ("portrait", "landscape")
    PORTRAIT_FIELD_NUMBER: _ClassVar[int]
    LANDSCAPE_FIELD_NUMBER: _ClassVar[int]
    portrait: Detail
    landscape: Detail
    def __init__(self, portrait: _Optional[_Union[Detail, _Mapping]] = ..., landscape: _Optional[_Union[Detail, _Mapping]] = ...) -> None: ...

class TextFormat(_message.Message):
    __slots__ = ("color", "bold", "italic", "weight", "italic_angle", "font_size", "use_heigh_light_color", "use_remote_clor")
    COLOR_FIELD_NUMBER: _ClassVar[int]
    BOLD_FIELD_NUMBER: _ClassVar[int]
    ITALIC_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    ITALIC_ANGLE_FIELD_NUMBER: _ClassVar[int]
    FONT_SIZE_FIELD_NUMBER: _ClassVar[int]
    USE_HEIGH_LIGHT_COLOR_FIELD_NUMBER: _ClassVar[int]
    USE_REMOTE_CLOR_FIELD_NUMBER: _ClassVar[int]
    color: str
    bold: bool
    italic: bool
    weight: int
    italic_angle: int
    font_size: int
    use_heigh_light_color: bool
    use_remote_clor: bool
    def __init__(self, color: _Optional[str] = ..., bold: _Optional[bool] = ..., italic: _Optional[bool] = ..., weight: _Optional[int] = ..., italic_angle: _Optional[int] = ..., font_size: _Optional[int] = ..., use_heigh_light_color: _Optional[bool] = ..., use_remote_clor: _Optional[bool] = ...) -> None: ...

class TextPiece(_message.Message):
    __slots__ = ("type", "format", "string_value", "user_value", "gift_value", "heart_value", "pattern_ref_value", "image_value")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    STRING_VALUE_FIELD_NUMBER: _ClassVar[int]
    USER_VALUE_FIELD_NUMBER: _ClassVar[int]
    GIFT_VALUE_FIELD_NUMBER: _ClassVar[int]
    HEART_VALUE_FIELD_NUMBER: _ClassVar[int]
    PATTERN_REF_VALUE_FIELD_NUMBER: _ClassVar[int]
    IMAGE_VALUE_FIELD_NUMBER: _ClassVar[int]
    type: int
    format: TextFormat
    string_value: str
    user_value: TextPieceUser
    gift_value: TextPieceGift
    heart_value: TextPieceHeart
    pattern_ref_value: TextPiecePatternRef
    image_value: TextPieceImage
    def __init__(self, type: _Optional[int] = ..., format: _Optional[_Union[TextFormat, _Mapping]] = ..., string_value: _Optional[str] = ..., user_value: _Optional[_Union[TextPieceUser, _Mapping]] = ..., gift_value: _Optional[_Union[TextPieceGift, _Mapping]] = ..., heart_value: _Optional[_Union[TextPieceHeart, _Mapping]] = ..., pattern_ref_value: _Optional[_Union[TextPiecePatternRef, _Mapping]] = ..., image_value: _Optional[_Union[TextPieceImage, _Mapping]] = ...) -> None: ...

class TextPieceGift(_message.Message):
    __slots__ = ("gift_id", "name_ref", "show_type", "color_id")
    GIFT_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_REF_FIELD_NUMBER: _ClassVar[int]
    SHOW_TYPE_FIELD_NUMBER: _ClassVar[int]
    COLOR_ID_FIELD_NUMBER: _ClassVar[int]
    gift_id: int
    name_ref: PatternRef
    show_type: GiftShowType
    color_id: int
    def __init__(self, gift_id: _Optional[int] = ..., name_ref: _Optional[_Union[PatternRef, _Mapping]] = ..., show_type: _Optional[_Union[GiftShowType, str]] = ..., color_id: _Optional[int] = ...) -> None: ...

class TextPieceHeart(_message.Message):
    __slots__ = ("color",)
    COLOR_FIELD_NUMBER: _ClassVar[int]
    color: str
    def __init__(self, color: _Optional[str] = ...) -> None: ...

class TextPieceImage(_message.Message):
    __slots__ = ("image",)
    IMAGE_FIELD_NUMBER: _ClassVar[int]
    image: ImageModel
    def __init__(self, image: _Optional[_Union[ImageModel, _Mapping]] = ...) -> None: ...

class TextPiecePatternRef(_message.Message):
    __slots__ = ("key", "default_pattern")
    KEY_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_PATTERN_FIELD_NUMBER: _ClassVar[int]
    key: str
    default_pattern: str
    def __init__(self, key: _Optional[str] = ..., default_pattern: _Optional[str] = ...) -> None: ...

class TextPieceUser(_message.Message):
    __slots__ = ("user", "with_colon")
    USER_FIELD_NUMBER: _ClassVar[int]
    WITH_COLON_FIELD_NUMBER: _ClassVar[int]
    user: User
    with_colon: bool
    def __init__(self, user: _Optional[_Union[User, _Mapping]] = ..., with_colon: _Optional[bool] = ...) -> None: ...

class TimerDetail(_message.Message):
    __slots__ = ("timer_id", "anchor_id", "start_timestamp_s", "start_countdown_time_s", "anchor_side_title", "user_side_title", "time_increase_per_sub_s", "time_increase_cap_s", "sub_count", "time_increase_reach_cap", "total_pause_time_s", "last_pause_timestamp_s", "total_time_s", "remaining_time_s", "timestamp_s", "sticker_x", "sticker_y", "screen_w", "screen_h", "timer_status", "antidirt_status", "audit_status", "audit_info")
    TIMER_ID_FIELD_NUMBER: _ClassVar[int]
    ANCHOR_ID_FIELD_NUMBER: _ClassVar[int]
    START_TIMESTAMP_S_FIELD_NUMBER: _ClassVar[int]
    START_COUNTDOWN_TIME_S_FIELD_NUMBER: _ClassVar[int]
    ANCHOR_SIDE_TITLE_FIELD_NUMBER: _ClassVar[int]
    USER_SIDE_TITLE_FIELD_NUMBER: _ClassVar[int]
    TIME_INCREASE_PER_SUB_S_FIELD_NUMBER: _ClassVar[int]
    TIME_INCREASE_CAP_S_FIELD_NUMBER: _ClassVar[int]
    SUB_COUNT_FIELD_NUMBER: _ClassVar[int]
    TIME_INCREASE_REACH_CAP_FIELD_NUMBER: _ClassVar[int]
    TOTAL_PAUSE_TIME_S_FIELD_NUMBER: _ClassVar[int]
    LAST_PAUSE_TIMESTAMP_S_FIELD_NUMBER: _ClassVar[int]
    TOTAL_TIME_S_FIELD_NUMBER: _ClassVar[int]
    REMAINING_TIME_S_FIELD_NUMBER: _ClassVar[int]
    TIMESTAMP_S_FIELD_NUMBER: _ClassVar[int]
    STICKER_X_FIELD_NUMBER: _ClassVar[int]
    STICKER_Y_FIELD_NUMBER: _ClassVar[int]
    SCREEN_W_FIELD_NUMBER: _ClassVar[int]
    SCREEN_H_FIELD_NUMBER: _ClassVar[int]
    TIMER_STATUS_FIELD_NUMBER: _ClassVar[int]
    ANTIDIRT_STATUS_FIELD_NUMBER: _ClassVar[int]
    AUDIT_STATUS_FIELD_NUMBER: _ClassVar[int]
    AUDIT_INFO_FIELD_NUMBER: _ClassVar[int]
    timer_id: int
    anchor_id: int
    start_timestamp_s: int
    start_countdown_time_s: int
    anchor_side_title: str
    user_side_title: str
    time_increase_per_sub_s: int
    time_increase_cap_s: int
    sub_count: int
    time_increase_reach_cap: bool
    total_pause_time_s: int
    last_pause_timestamp_s: int
    total_time_s: int
    remaining_time_s: int
    timestamp_s: int
    sticker_x: int
    sticker_y: int
    screen_w: int
    screen_h: int
    timer_status: TimerStatus
    antidirt_status: TimerDetailAntidirtStatus
    audit_status: TimerDetailAuditStatus
    audit_info: TimerDetail_AuditInfo
    def __init__(self, timer_id: _Optional[int] = ..., anchor_id: _Optional[int] = ..., start_timestamp_s: _Optional[int] = ..., start_countdown_time_s: _Optional[int] = ..., anchor_side_title: _Optional[str] = ..., user_side_title: _Optional[str] = ..., time_increase_per_sub_s: _Optional[int] = ..., time_increase_cap_s: _Optional[int] = ..., sub_count: _Optional[int] = ..., time_increase_reach_cap: _Optional[bool] = ..., total_pause_time_s: _Optional[int] = ..., last_pause_timestamp_s: _Optional[int] = ..., total_time_s: _Optional[int] = ..., remaining_time_s: _Optional[int] = ..., timestamp_s: _Optional[int] = ..., sticker_x: _Optional[int] = ..., sticker_y: _Optional[int] = ..., screen_w: _Optional[int] = ..., screen_h: _Optional[int] = ..., timer_status: _Optional[_Union[TimerStatus, str]] = ..., antidirt_status: _Optional[_Union[TimerDetailAntidirtStatus, str]] = ..., audit_status: _Optional[_Union[TimerDetailAuditStatus, str]] = ..., audit_info: _Optional[_Union[TimerDetail_AuditInfo, _Mapping]] = ...) -> None: ...

class TimerDetail_AuditInfo(_message.Message):
    __slots__ = ("violation_id", "task_type")
    VIOLATION_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_TYPE_FIELD_NUMBER: _ClassVar[int]
    violation_id: int
    task_type: TimerDetailAuditTaskType
    def __init__(self, violation_id: _Optional[int] = ..., task_type: _Optional[_Union[TimerDetailAuditTaskType, str]] = ...) -> None: ...

class Topic(_message.Message):
    __slots__ = ("topic_action_type", "topic_text", "topic_tips", "has_button", "action_button", "tag_type", "display_location", "event_tracking_fields", "biz_name", "disable_count_frequency_control")
    class EventTrackingFieldsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    TOPIC_ACTION_TYPE_FIELD_NUMBER: _ClassVar[int]
    TOPIC_TEXT_FIELD_NUMBER: _ClassVar[int]
    TOPIC_TIPS_FIELD_NUMBER: _ClassVar[int]
    HAS_BUTTON_FIELD_NUMBER: _ClassVar[int]
    ACTION_BUTTON_FIELD_NUMBER: _ClassVar[int]
    TAG_TYPE_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_LOCATION_FIELD_NUMBER: _ClassVar[int]
    EVENT_TRACKING_FIELDS_FIELD_NUMBER: _ClassVar[int]
    BIZ_NAME_FIELD_NUMBER: _ClassVar[int]
    DISABLE_COUNT_FREQUENCY_CONTROL_FIELD_NUMBER: _ClassVar[int]
    topic_action_type: TopicActionType
    topic_text: Text
    topic_tips: Text
    has_button: bool
    action_button: ActionButton
    tag_type: TagType
    display_location: PublicAreaMessageCommonCreatorSuccessInfoTopicDisplayLocation
    event_tracking_fields: _containers.ScalarMap[str, str]
    biz_name: str
    disable_count_frequency_control: bool
    def __init__(self, topic_action_type: _Optional[_Union[TopicActionType, str]] = ..., topic_text: _Optional[_Union[Text, _Mapping]] = ..., topic_tips: _Optional[_Union[Text, _Mapping]] = ..., has_button: _Optional[bool] = ..., action_button: _Optional[_Union[ActionButton, _Mapping]] = ..., tag_type: _Optional[_Union[TagType, str]] = ..., display_location: _Optional[_Union[PublicAreaMessageCommonCreatorSuccessInfoTopicDisplayLocation, str]] = ..., event_tracking_fields: _Optional[_Mapping[str, str]] = ..., biz_name: _Optional[str] = ..., disable_count_frequency_control: _Optional[bool] = ...) -> None: ...

class TransitionConfig(_message.Message):
    __slots__ = ("config_id", "resource_image")
    CONFIG_ID_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_IMAGE_FIELD_NUMBER: _ClassVar[int]
    config_id: int
    resource_image: ImageModel
    def __init__(self, config_id: _Optional[int] = ..., resource_image: _Optional[_Union[ImageModel, _Mapping]] = ...) -> None: ...

class UGGiftStructInfo(_message.Message):
    __slots__ = ("is_ug_gift", "ug_points_cost")
    IS_UG_GIFT_FIELD_NUMBER: _ClassVar[int]
    UG_POINTS_COST_FIELD_NUMBER: _ClassVar[int]
    is_ug_gift: bool
    ug_points_cost: int
    def __init__(self, is_ug_gift: _Optional[bool] = ..., ug_points_cost: _Optional[int] = ...) -> None: ...

class User(_message.Message):
    __slots__ = ("id", "deprecated1", "nickname", "deprecated2", "bio_description", "deprecated3", "deprecated4", "deprecated5", "avatar_thumb", "avatar_medium", "avatar_large", "verified", "deprecated6", "deprecated7", "status", "create_time", "modify_time", "secret", "share_qrcode_uri", "deprecated8", "badge_image_list", "follow_info", "pay_grade", "fans_club", "border", "special_id", "avatar_border", "medal", "real_time_icons", "new_real_time_icons", "top_vip_no", "user_attr", "own_room", "pay_score", "ticket_count", "anchor_info", "link_mic_stats", "display_id", "with_commerce_permission", "with_fusion_shop_entry", "deprecated21", "webcast_anchor_level", "verified_content", "author_stats", "top_fans", "sec_uid", "user_role", "deprecated9", "activity_reward", "deprecated10", "deprecated11", "personal_card", "authentication_info", "deprecated12", "deprecated13", "deprecated14", "media_badge_image_list", "deprecated15", "user_vip_info", "commerce_webcast_config_ids", "border_list", "combo_badge_info", "subscribe_info", "badge_list", "mint_type_label", "fans_club_info", "deprecated19", "allow_find_by_contacts", "allow_others_download_video", "allow_others_download_when_sharing_video", "allow_share_show_profile", "allow_show_in_gossip", "allow_show_my_action", "allow_strange_comment", "allow_unfollower_comment", "allow_use_linkmic", "anchor_level", "avatar_jpg", "bg_img_url", "deprecated18", "deprecated16", "block_status", "comment_restrict", "constellation", "disable_ichat", "enable_ichat_img", "exp", "fan_ticket_count", "fold_stranger_chat", "follow_status", "deprecated28", "deprecated29", "ichat_restrict_type", "id_str", "is_follower", "is_following", "need_profile_guide", "pay_scores", "push_comment_status", "push_digg", "push_follow", "push_friend_action", "push_ichat", "push_status", "push_video_post", "push_video_recommend", "stats", "deprecated17", "verified_reason", "with_car_management_permission", "upcoming_event_list", "scm_label", "ecommerce_entrance", "is_block", "is_subscribe", "is_anchor_marked", "enigma_info")
    ID_FIELD_NUMBER: _ClassVar[int]
    DEPRECATED1_FIELD_NUMBER: _ClassVar[int]
    NICKNAME_FIELD_NUMBER: _ClassVar[int]
    DEPRECATED2_FIELD_NUMBER: _ClassVar[int]
    BIO_DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    DEPRECATED3_FIELD_NUMBER: _ClassVar[int]
    DEPRECATED4_FIELD_NUMBER: _ClassVar[int]
    DEPRECATED5_FIELD_NUMBER: _ClassVar[int]
    AVATAR_THUMB_FIELD_NUMBER: _ClassVar[int]
    AVATAR_MEDIUM_FIELD_NUMBER: _ClassVar[int]
    AVATAR_LARGE_FIELD_NUMBER: _ClassVar[int]
    VERIFIED_FIELD_NUMBER: _ClassVar[int]
    DEPRECATED6_FIELD_NUMBER: _ClassVar[int]
    DEPRECATED7_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    MODIFY_TIME_FIELD_NUMBER: _ClassVar[int]
    SECRET_FIELD_NUMBER: _ClassVar[int]
    SHARE_QRCODE_URI_FIELD_NUMBER: _ClassVar[int]
    DEPRECATED8_FIELD_NUMBER: _ClassVar[int]
    BADGE_IMAGE_LIST_FIELD_NUMBER: _ClassVar[int]
    FOLLOW_INFO_FIELD_NUMBER: _ClassVar[int]
    PAY_GRADE_FIELD_NUMBER: _ClassVar[int]
    FANS_CLUB_FIELD_NUMBER: _ClassVar[int]
    BORDER_FIELD_NUMBER: _ClassVar[int]
    SPECIAL_ID_FIELD_NUMBER: _ClassVar[int]
    AVATAR_BORDER_FIELD_NUMBER: _ClassVar[int]
    MEDAL_FIELD_NUMBER: _ClassVar[int]
    REAL_TIME_ICONS_FIELD_NUMBER: _ClassVar[int]
    NEW_REAL_TIME_ICONS_FIELD_NUMBER: _ClassVar[int]
    TOP_VIP_NO_FIELD_NUMBER: _ClassVar[int]
    USER_ATTR_FIELD_NUMBER: _ClassVar[int]
    OWN_ROOM_FIELD_NUMBER: _ClassVar[int]
    PAY_SCORE_FIELD_NUMBER: _ClassVar[int]
    TICKET_COUNT_FIELD_NUMBER: _ClassVar[int]
    ANCHOR_INFO_FIELD_NUMBER: _ClassVar[int]
    LINK_MIC_STATS_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_ID_FIELD_NUMBER: _ClassVar[int]
    WITH_COMMERCE_PERMISSION_FIELD_NUMBER: _ClassVar[int]
    WITH_FUSION_SHOP_ENTRY_FIELD_NUMBER: _ClassVar[int]
    DEPRECATED21_FIELD_NUMBER: _ClassVar[int]
    WEBCAST_ANCHOR_LEVEL_FIELD_NUMBER: _ClassVar[int]
    VERIFIED_CONTENT_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_STATS_FIELD_NUMBER: _ClassVar[int]
    TOP_FANS_FIELD_NUMBER: _ClassVar[int]
    SEC_UID_FIELD_NUMBER: _ClassVar[int]
    USER_ROLE_FIELD_NUMBER: _ClassVar[int]
    DEPRECATED9_FIELD_NUMBER: _ClassVar[int]
    ACTIVITY_REWARD_FIELD_NUMBER: _ClassVar[int]
    DEPRECATED10_FIELD_NUMBER: _ClassVar[int]
    DEPRECATED11_FIELD_NUMBER: _ClassVar[int]
    PERSONAL_CARD_FIELD_NUMBER: _ClassVar[int]
    AUTHENTICATION_INFO_FIELD_NUMBER: _ClassVar[int]
    DEPRECATED12_FIELD_NUMBER: _ClassVar[int]
    DEPRECATED13_FIELD_NUMBER: _ClassVar[int]
    DEPRECATED14_FIELD_NUMBER: _ClassVar[int]
    MEDIA_BADGE_IMAGE_LIST_FIELD_NUMBER: _ClassVar[int]
    DEPRECATED15_FIELD_NUMBER: _ClassVar[int]
    USER_VIP_INFO_FIELD_NUMBER: _ClassVar[int]
    COMMERCE_WEBCAST_CONFIG_IDS_FIELD_NUMBER: _ClassVar[int]
    BORDER_LIST_FIELD_NUMBER: _ClassVar[int]
    COMBO_BADGE_INFO_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIBE_INFO_FIELD_NUMBER: _ClassVar[int]
    BADGE_LIST_FIELD_NUMBER: _ClassVar[int]
    MINT_TYPE_LABEL_FIELD_NUMBER: _ClassVar[int]
    FANS_CLUB_INFO_FIELD_NUMBER: _ClassVar[int]
    DEPRECATED19_FIELD_NUMBER: _ClassVar[int]
    ALLOW_FIND_BY_CONTACTS_FIELD_NUMBER: _ClassVar[int]
    ALLOW_OTHERS_DOWNLOAD_VIDEO_FIELD_NUMBER: _ClassVar[int]
    ALLOW_OTHERS_DOWNLOAD_WHEN_SHARING_VIDEO_FIELD_NUMBER: _ClassVar[int]
    ALLOW_SHARE_SHOW_PROFILE_FIELD_NUMBER: _ClassVar[int]
    ALLOW_SHOW_IN_GOSSIP_FIELD_NUMBER: _ClassVar[int]
    ALLOW_SHOW_MY_ACTION_FIELD_NUMBER: _ClassVar[int]
    ALLOW_STRANGE_COMMENT_FIELD_NUMBER: _ClassVar[int]
    ALLOW_UNFOLLOWER_COMMENT_FIELD_NUMBER: _ClassVar[int]
    ALLOW_USE_LINKMIC_FIELD_NUMBER: _ClassVar[int]
    ANCHOR_LEVEL_FIELD_NUMBER: _ClassVar[int]
    AVATAR_JPG_FIELD_NUMBER: _ClassVar[int]
    BG_IMG_URL_FIELD_NUMBER: _ClassVar[int]
    DEPRECATED18_FIELD_NUMBER: _ClassVar[int]
    DEPRECATED16_FIELD_NUMBER: _ClassVar[int]
    BLOCK_STATUS_FIELD_NUMBER: _ClassVar[int]
    COMMENT_RESTRICT_FIELD_NUMBER: _ClassVar[int]
    CONSTELLATION_FIELD_NUMBER: _ClassVar[int]
    DISABLE_ICHAT_FIELD_NUMBER: _ClassVar[int]
    ENABLE_ICHAT_IMG_FIELD_NUMBER: _ClassVar[int]
    EXP_FIELD_NUMBER: _ClassVar[int]
    FAN_TICKET_COUNT_FIELD_NUMBER: _ClassVar[int]
    FOLD_STRANGER_CHAT_FIELD_NUMBER: _ClassVar[int]
    FOLLOW_STATUS_FIELD_NUMBER: _ClassVar[int]
    DEPRECATED28_FIELD_NUMBER: _ClassVar[int]
    DEPRECATED29_FIELD_NUMBER: _ClassVar[int]
    ICHAT_RESTRICT_TYPE_FIELD_NUMBER: _ClassVar[int]
    ID_STR_FIELD_NUMBER: _ClassVar[int]
    IS_FOLLOWER_FIELD_NUMBER: _ClassVar[int]
    IS_FOLLOWING_FIELD_NUMBER: _ClassVar[int]
    NEED_PROFILE_GUIDE_FIELD_NUMBER: _ClassVar[int]
    PAY_SCORES_FIELD_NUMBER: _ClassVar[int]
    PUSH_COMMENT_STATUS_FIELD_NUMBER: _ClassVar[int]
    PUSH_DIGG_FIELD_NUMBER: _ClassVar[int]
    PUSH_FOLLOW_FIELD_NUMBER: _ClassVar[int]
    PUSH_FRIEND_ACTION_FIELD_NUMBER: _ClassVar[int]
    PUSH_ICHAT_FIELD_NUMBER: _ClassVar[int]
    PUSH_STATUS_FIELD_NUMBER: _ClassVar[int]
    PUSH_VIDEO_POST_FIELD_NUMBER: _ClassVar[int]
    PUSH_VIDEO_RECOMMEND_FIELD_NUMBER: _ClassVar[int]
    STATS_FIELD_NUMBER: _ClassVar[int]
    DEPRECATED17_FIELD_NUMBER: _ClassVar[int]
    VERIFIED_REASON_FIELD_NUMBER: _ClassVar[int]
    WITH_CAR_MANAGEMENT_PERMISSION_FIELD_NUMBER: _ClassVar[int]
    UPCOMING_EVENT_LIST_FIELD_NUMBER: _ClassVar[int]
    SCM_LABEL_FIELD_NUMBER: _ClassVar[int]
    ECOMMERCE_ENTRANCE_FIELD_NUMBER: _ClassVar[int]
    IS_BLOCK_FIELD_NUMBER: _ClassVar[int]
    IS_SUBSCRIBE_FIELD_NUMBER: _ClassVar[int]
    IS_ANCHOR_MARKED_FIELD_NUMBER: _ClassVar[int]
    ENIGMA_INFO_FIELD_NUMBER: _ClassVar[int]
    id: int
    deprecated1: int
    nickname: str
    deprecated2: int
    bio_description: str
    deprecated3: int
    deprecated4: int
    deprecated5: str
    avatar_thumb: ImageModel
    avatar_medium: ImageModel
    avatar_large: ImageModel
    verified: bool
    deprecated6: int
    deprecated7: str
    status: int
    create_time: int
    modify_time: int
    secret: int
    share_qrcode_uri: str
    deprecated8: int
    badge_image_list: _containers.RepeatedCompositeFieldContainer[ImageModel]
    follow_info: FollowInfo
    pay_grade: UserHonor
    fans_club: FansClubMember
    border: BorderInfo
    special_id: str
    avatar_border: ImageModel
    medal: ImageModel
    real_time_icons: _containers.RepeatedCompositeFieldContainer[ImageModel]
    new_real_time_icons: _containers.RepeatedCompositeFieldContainer[ImageModel]
    top_vip_no: int
    user_attr: UserAttr
    own_room: OwnRoom
    pay_score: int
    ticket_count: int
    anchor_info: AnchorInfo
    link_mic_stats: LinkmicStatus
    display_id: str
    with_commerce_permission: bool
    with_fusion_shop_entry: bool
    deprecated21: int
    webcast_anchor_level: AnchorLevel
    verified_content: str
    author_stats: Author
    top_fans: _containers.RepeatedCompositeFieldContainer[User]
    sec_uid: str
    user_role: int
    deprecated9: bytes
    activity_reward: ActivityRewardInfo
    deprecated10: bytes
    deprecated11: bytes
    personal_card: ImageModel
    authentication_info: AuthenticationInfo
    deprecated12: int
    deprecated13: int
    deprecated14: bytes
    media_badge_image_list: _containers.RepeatedCompositeFieldContainer[ImageModel]
    deprecated15: int
    user_vip_info: bytes
    commerce_webcast_config_ids: _containers.RepeatedScalarFieldContainer[int]
    border_list: _containers.RepeatedCompositeFieldContainer[BorderInfo]
    combo_badge_info: ComboBadgeInfo
    subscribe_info: SubscribeInfo
    badge_list: _containers.RepeatedCompositeFieldContainer[BadgeStruct]
    mint_type_label: _containers.RepeatedScalarFieldContainer[int]
    fans_club_info: FansClubInfo
    deprecated19: bool
    allow_find_by_contacts: bool
    allow_others_download_video: bool
    allow_others_download_when_sharing_video: bool
    allow_share_show_profile: bool
    allow_show_in_gossip: bool
    allow_show_my_action: bool
    allow_strange_comment: bool
    allow_unfollower_comment: bool
    allow_use_linkmic: bool
    anchor_level: AnchorLevel
    avatar_jpg: ImageModel
    bg_img_url: str
    deprecated18: str
    deprecated16: bool
    block_status: int
    comment_restrict: int
    constellation: str
    disable_ichat: int
    enable_ichat_img: int
    exp: int
    fan_ticket_count: int
    fold_stranger_chat: bool
    follow_status: int
    deprecated28: bool
    deprecated29: str
    ichat_restrict_type: int
    id_str: str
    is_follower: bool
    is_following: bool
    need_profile_guide: bool
    pay_scores: int
    push_comment_status: bool
    push_digg: bool
    push_follow: bool
    push_friend_action: bool
    push_ichat: bool
    push_status: bool
    push_video_post: bool
    push_video_recommend: bool
    stats: bytes
    deprecated17: bool
    verified_reason: str
    with_car_management_permission: bool
    upcoming_event_list: _containers.RepeatedCompositeFieldContainer[LiveEventInfo]
    scm_label: str
    ecommerce_entrance: EcommerceEntrance
    is_block: bool
    is_subscribe: bool
    is_anchor_marked: bool
    enigma_info: EnigmaInfo
    def __init__(self, id: _Optional[int] = ..., deprecated1: _Optional[int] = ..., nickname: _Optional[str] = ..., deprecated2: _Optional[int] = ..., bio_description: _Optional[str] = ..., deprecated3: _Optional[int] = ..., deprecated4: _Optional[int] = ..., deprecated5: _Optional[str] = ..., avatar_thumb: _Optional[_Union[ImageModel, _Mapping]] = ..., avatar_medium: _Optional[_Union[ImageModel, _Mapping]] = ..., avatar_large: _Optional[_Union[ImageModel, _Mapping]] = ..., verified: _Optional[bool] = ..., deprecated6: _Optional[int] = ..., deprecated7: _Optional[str] = ..., status: _Optional[int] = ..., create_time: _Optional[int] = ..., modify_time: _Optional[int] = ..., secret: _Optional[int] = ..., share_qrcode_uri: _Optional[str] = ..., deprecated8: _Optional[int] = ..., badge_image_list: _Optional[_Iterable[_Union[ImageModel, _Mapping]]] = ..., follow_info: _Optional[_Union[FollowInfo, _Mapping]] = ..., pay_grade: _Optional[_Union[UserHonor, _Mapping]] = ..., fans_club: _Optional[_Union[FansClubMember, _Mapping]] = ..., border: _Optional[_Union[BorderInfo, _Mapping]] = ..., special_id: _Optional[str] = ..., avatar_border: _Optional[_Union[ImageModel, _Mapping]] = ..., medal: _Optional[_Union[ImageModel, _Mapping]] = ..., real_time_icons: _Optional[_Iterable[_Union[ImageModel, _Mapping]]] = ..., new_real_time_icons: _Optional[_Iterable[_Union[ImageModel, _Mapping]]] = ..., top_vip_no: _Optional[int] = ..., user_attr: _Optional[_Union[UserAttr, _Mapping]] = ..., own_room: _Optional[_Union[OwnRoom, _Mapping]] = ..., pay_score: _Optional[int] = ..., ticket_count: _Optional[int] = ..., anchor_info: _Optional[_Union[AnchorInfo, _Mapping]] = ..., link_mic_stats: _Optional[_Union[LinkmicStatus, str]] = ..., display_id: _Optional[str] = ..., with_commerce_permission: _Optional[bool] = ..., with_fusion_shop_entry: _Optional[bool] = ..., deprecated21: _Optional[int] = ..., webcast_anchor_level: _Optional[_Union[AnchorLevel, _Mapping]] = ..., verified_content: _Optional[str] = ..., author_stats: _Optional[_Union[Author, _Mapping]] = ..., top_fans: _Optional[_Iterable[_Union[User, _Mapping]]] = ..., sec_uid: _Optional[str] = ..., user_role: _Optional[int] = ..., deprecated9: _Optional[bytes] = ..., activity_reward: _Optional[_Union[ActivityRewardInfo, _Mapping]] = ..., deprecated10: _Optional[bytes] = ..., deprecated11: _Optional[bytes] = ..., personal_card: _Optional[_Union[ImageModel, _Mapping]] = ..., authentication_info: _Optional[_Union[AuthenticationInfo, _Mapping]] = ..., deprecated12: _Optional[int] = ..., deprecated13: _Optional[int] = ..., deprecated14: _Optional[bytes] = ..., media_badge_image_list: _Optional[_Iterable[_Union[ImageModel, _Mapping]]] = ..., deprecated15: _Optional[int] = ..., user_vip_info: _Optional[bytes] = ..., commerce_webcast_config_ids: _Optional[_Iterable[int]] = ..., border_list: _Optional[_Iterable[_Union[BorderInfo, _Mapping]]] = ..., combo_badge_info: _Optional[_Union[ComboBadgeInfo, _Mapping]] = ..., subscribe_info: _Optional[_Union[SubscribeInfo, _Mapping]] = ..., badge_list: _Optional[_Iterable[_Union[BadgeStruct, _Mapping]]] = ..., mint_type_label: _Optional[_Iterable[int]] = ..., fans_club_info: _Optional[_Union[FansClubInfo, _Mapping]] = ..., deprecated19: _Optional[bool] = ..., allow_find_by_contacts: _Optional[bool] = ..., allow_others_download_video: _Optional[bool] = ..., allow_others_download_when_sharing_video: _Optional[bool] = ..., allow_share_show_profile: _Optional[bool] = ..., allow_show_in_gossip: _Optional[bool] = ..., allow_show_my_action: _Optional[bool] = ..., allow_strange_comment: _Optional[bool] = ..., allow_unfollower_comment: _Optional[bool] = ..., allow_use_linkmic: _Optional[bool] = ..., anchor_level: _Optional[_Union[AnchorLevel, _Mapping]] = ..., avatar_jpg: _Optional[_Union[ImageModel, _Mapping]] = ..., bg_img_url: _Optional[str] = ..., deprecated18: _Optional[str] = ..., deprecated16: _Optional[bool] = ..., block_status: _Optional[int] = ..., comment_restrict: _Optional[int] = ..., constellation: _Optional[str] = ..., disable_ichat: _Optional[int] = ..., enable_ichat_img: _Optional[int] = ..., exp: _Optional[int] = ..., fan_ticket_count: _Optional[int] = ..., fold_stranger_chat: _Optional[bool] = ..., follow_status: _Optional[int] = ..., deprecated28: _Optional[bool] = ..., deprecated29: _Optional[str] = ..., ichat_restrict_type: _Optional[int] = ..., id_str: _Optional[str] = ..., is_follower: _Optional[bool] = ..., is_following: _Optional[bool] = ..., need_profile_guide: _Optional[bool] = ..., pay_scores: _Optional[int] = ..., push_comment_status: _Optional[bool] = ..., push_digg: _Optional[bool] = ..., push_follow: _Optional[bool] = ..., push_friend_action: _Optional[bool] = ..., push_ichat: _Optional[bool] = ..., push_status: _Optional[bool] = ..., push_video_post: _Optional[bool] = ..., push_video_recommend: _Optional[bool] = ..., stats: _Optional[bytes] = ..., deprecated17: _Optional[bool] = ..., verified_reason: _Optional[str] = ..., with_car_management_permission: _Optional[bool] = ..., upcoming_event_list: _Optional[_Iterable[_Union[LiveEventInfo, _Mapping]]] = ..., scm_label: _Optional[str] = ..., ecommerce_entrance: _Optional[_Union[EcommerceEntrance, _Mapping]] = ..., is_block: _Optional[bool] = ..., is_subscribe: _Optional[bool] = ..., is_anchor_marked: _Optional[bool] = ..., enigma_info: _Optional[_Union[EnigmaInfo, _Mapping]] = ...) -> None: ...

class UserAttr(_message.Message):
    __slots__ = ("is_muted", "is_admin", "is_super_admin", "mute_duration", "admin_permissions", "has_voting_function", "is_channel_admin")
    class AdminPermissionsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: int
        def __init__(self, key: _Optional[int] = ..., value: _Optional[int] = ...) -> None: ...
    IS_MUTED_FIELD_NUMBER: _ClassVar[int]
    IS_ADMIN_FIELD_NUMBER: _ClassVar[int]
    IS_SUPER_ADMIN_FIELD_NUMBER: _ClassVar[int]
    MUTE_DURATION_FIELD_NUMBER: _ClassVar[int]
    ADMIN_PERMISSIONS_FIELD_NUMBER: _ClassVar[int]
    HAS_VOTING_FUNCTION_FIELD_NUMBER: _ClassVar[int]
    IS_CHANNEL_ADMIN_FIELD_NUMBER: _ClassVar[int]
    is_muted: bool
    is_admin: bool
    is_super_admin: bool
    mute_duration: int
    admin_permissions: _containers.ScalarMap[int, int]
    has_voting_function: bool
    is_channel_admin: bool
    def __init__(self, is_muted: _Optional[bool] = ..., is_admin: _Optional[bool] = ..., is_super_admin: _Optional[bool] = ..., mute_duration: _Optional[int] = ..., admin_permissions: _Optional[_Mapping[int, int]] = ..., has_voting_function: _Optional[bool] = ..., is_channel_admin: _Optional[bool] = ...) -> None: ...

class UserBadge(_message.Message):
    __slots__ = ("icons", "title")
    class IconsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: ImageModel
        def __init__(self, key: _Optional[int] = ..., value: _Optional[_Union[ImageModel, _Mapping]] = ...) -> None: ...
    ICONS_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    icons: _containers.MessageMap[int, ImageModel]
    title: str
    def __init__(self, icons: _Optional[_Mapping[int, ImageModel]] = ..., title: _Optional[str] = ...) -> None: ...

class UserHonor(_message.Message):
    __slots__ = ("deprecated20", "diamond_icon", "name", "icon", "next_name", "level", "next_icon", "deprecated23", "deprecated24", "deprecated25", "grade_describe", "grade_icon_list", "screen_chat_type", "im_icon", "im_icon_with_level", "live_icon", "new_im_icon_with_level", "new_live_icon", "upgrade_need_consume", "next_privileges", "background", "background_back", "score", "grade_banner")
    DEPRECATED20_FIELD_NUMBER: _ClassVar[int]
    DIAMOND_ICON_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ICON_FIELD_NUMBER: _ClassVar[int]
    NEXT_NAME_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    NEXT_ICON_FIELD_NUMBER: _ClassVar[int]
    DEPRECATED23_FIELD_NUMBER: _ClassVar[int]
    DEPRECATED24_FIELD_NUMBER: _ClassVar[int]
    DEPRECATED25_FIELD_NUMBER: _ClassVar[int]
    GRADE_DESCRIBE_FIELD_NUMBER: _ClassVar[int]
    GRADE_ICON_LIST_FIELD_NUMBER: _ClassVar[int]
    SCREEN_CHAT_TYPE_FIELD_NUMBER: _ClassVar[int]
    IM_ICON_FIELD_NUMBER: _ClassVar[int]
    IM_ICON_WITH_LEVEL_FIELD_NUMBER: _ClassVar[int]
    LIVE_ICON_FIELD_NUMBER: _ClassVar[int]
    NEW_IM_ICON_WITH_LEVEL_FIELD_NUMBER: _ClassVar[int]
    NEW_LIVE_ICON_FIELD_NUMBER: _ClassVar[int]
    UPGRADE_NEED_CONSUME_FIELD_NUMBER: _ClassVar[int]
    NEXT_PRIVILEGES_FIELD_NUMBER: _ClassVar[int]
    BACKGROUND_FIELD_NUMBER: _ClassVar[int]
    BACKGROUND_BACK_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    GRADE_BANNER_FIELD_NUMBER: _ClassVar[int]
    deprecated20: int
    diamond_icon: ImageModel
    name: str
    icon: ImageModel
    next_name: str
    level: int
    next_icon: ImageModel
    deprecated23: int
    deprecated24: int
    deprecated25: int
    grade_describe: str
    grade_icon_list: _containers.RepeatedCompositeFieldContainer[GradeIcon]
    screen_chat_type: int
    im_icon: ImageModel
    im_icon_with_level: ImageModel
    live_icon: ImageModel
    new_im_icon_with_level: ImageModel
    new_live_icon: ImageModel
    upgrade_need_consume: int
    next_privileges: str
    background: ImageModel
    background_back: ImageModel
    score: int
    grade_banner: str
    def __init__(self, deprecated20: _Optional[int] = ..., diamond_icon: _Optional[_Union[ImageModel, _Mapping]] = ..., name: _Optional[str] = ..., icon: _Optional[_Union[ImageModel, _Mapping]] = ..., next_name: _Optional[str] = ..., level: _Optional[int] = ..., next_icon: _Optional[_Union[ImageModel, _Mapping]] = ..., deprecated23: _Optional[int] = ..., deprecated24: _Optional[int] = ..., deprecated25: _Optional[int] = ..., grade_describe: _Optional[str] = ..., grade_icon_list: _Optional[_Iterable[_Union[GradeIcon, _Mapping]]] = ..., screen_chat_type: _Optional[int] = ..., im_icon: _Optional[_Union[ImageModel, _Mapping]] = ..., im_icon_with_level: _Optional[_Union[ImageModel, _Mapping]] = ..., live_icon: _Optional[_Union[ImageModel, _Mapping]] = ..., new_im_icon_with_level: _Optional[_Union[ImageModel, _Mapping]] = ..., new_live_icon: _Optional[_Union[ImageModel, _Mapping]] = ..., upgrade_need_consume: _Optional[int] = ..., next_privileges: _Optional[str] = ..., background: _Optional[_Union[ImageModel, _Mapping]] = ..., background_back: _Optional[_Union[ImageModel, _Mapping]] = ..., score: _Optional[int] = ..., grade_banner: _Optional[str] = ...) -> None: ...

class UserIdentity(_message.Message):
    __slots__ = ("is_gift_giver_of_anchor", "is_subscriber_of_anchor", "is_mutual_following_with_anchor", "is_follower_of_anchor", "is_moderator_of_anchor", "is_anchor")
    IS_GIFT_GIVER_OF_ANCHOR_FIELD_NUMBER: _ClassVar[int]
    IS_SUBSCRIBER_OF_ANCHOR_FIELD_NUMBER: _ClassVar[int]
    IS_MUTUAL_FOLLOWING_WITH_ANCHOR_FIELD_NUMBER: _ClassVar[int]
    IS_FOLLOWER_OF_ANCHOR_FIELD_NUMBER: _ClassVar[int]
    IS_MODERATOR_OF_ANCHOR_FIELD_NUMBER: _ClassVar[int]
    IS_ANCHOR_FIELD_NUMBER: _ClassVar[int]
    is_gift_giver_of_anchor: bool
    is_subscriber_of_anchor: bool
    is_mutual_following_with_anchor: bool
    is_follower_of_anchor: bool
    is_moderator_of_anchor: bool
    is_anchor: bool
    def __init__(self, is_gift_giver_of_anchor: _Optional[bool] = ..., is_subscriber_of_anchor: _Optional[bool] = ..., is_mutual_following_with_anchor: _Optional[bool] = ..., is_follower_of_anchor: _Optional[bool] = ..., is_moderator_of_anchor: _Optional[bool] = ..., is_anchor: _Optional[bool] = ...) -> None: ...

class UserInteractionInfo(_message.Message):
    __slots__ = ("like_cnt", "comment_cnt", "share_cnt")
    LIKE_CNT_FIELD_NUMBER: _ClassVar[int]
    COMMENT_CNT_FIELD_NUMBER: _ClassVar[int]
    SHARE_CNT_FIELD_NUMBER: _ClassVar[int]
    like_cnt: int
    comment_cnt: int
    share_cnt: int
    def __init__(self, like_cnt: _Optional[int] = ..., comment_cnt: _Optional[int] = ..., share_cnt: _Optional[int] = ...) -> None: ...

class UserMetrics(_message.Message):
    __slots__ = ("type", "metrics_value")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    METRICS_VALUE_FIELD_NUMBER: _ClassVar[int]
    type: PublicAreaMessageCommonPortraitInfoUserMetricsUserMetricsType
    metrics_value: str
    def __init__(self, type: _Optional[_Union[PublicAreaMessageCommonPortraitInfoUserMetricsUserMetricsType, str]] = ..., metrics_value: _Optional[str] = ...) -> None: ...

class VideoResource(_message.Message):
    __slots__ = ("video_type_name", "video_url", "video_md5")
    VIDEO_TYPE_NAME_FIELD_NUMBER: _ClassVar[int]
    VIDEO_URL_FIELD_NUMBER: _ClassVar[int]
    VIDEO_MD5_FIELD_NUMBER: _ClassVar[int]
    video_type_name: str
    video_url: ResourceModel
    video_md5: str
    def __init__(self, video_type_name: _Optional[str] = ..., video_url: _Optional[_Union[ResourceModel, _Mapping]] = ..., video_md5: _Optional[str] = ...) -> None: ...

class WalletPackage(_message.Message):
    __slots__ = ("iap_id", "usd_price_show")
    IAP_ID_FIELD_NUMBER: _ClassVar[int]
    USD_PRICE_SHOW_FIELD_NUMBER: _ClassVar[int]
    iap_id: str
    usd_price_show: str
    def __init__(self, iap_id: _Optional[str] = ..., usd_price_show: _Optional[str] = ...) -> None: ...

class WaveAlgorithmData(_message.Message):
    __slots__ = ("algorithm_version", "is_alg_hit", "predict_score", "is_rewatch", "is_follow")
    ALGORITHM_VERSION_FIELD_NUMBER: _ClassVar[int]
    IS_ALG_HIT_FIELD_NUMBER: _ClassVar[int]
    PREDICT_SCORE_FIELD_NUMBER: _ClassVar[int]
    IS_REWATCH_FIELD_NUMBER: _ClassVar[int]
    IS_FOLLOW_FIELD_NUMBER: _ClassVar[int]
    algorithm_version: str
    is_alg_hit: bool
    predict_score: str
    is_rewatch: bool
    is_follow: bool
    def __init__(self, algorithm_version: _Optional[str] = ..., is_alg_hit: _Optional[bool] = ..., predict_score: _Optional[str] = ..., is_rewatch: _Optional[bool] = ..., is_follow: _Optional[bool] = ...) -> None: ...

class WebcastChatMessage(_message.Message):
    __slots__ = ("common", "user", "content", "visible_to_sender", "background_image", "full_screen_text_color", "background_image_v2", "public_area_common", "gift_image", "input_type", "at_user", "emotes", "content_language", "msg_filter", "quick_chat_scene", "community_flagged_status", "user_identity", "comment_quality_scores", "comment_tag", "public_area_message_common", "screen_time", "signature", "signature_version", "ec_streamer_key", "comment_label_scores", "mention_user_list", "mention_users", "is_on_comment_tray")
    COMMON_FIELD_NUMBER: _ClassVar[int]
    USER_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    VISIBLE_TO_SENDER_FIELD_NUMBER: _ClassVar[int]
    BACKGROUND_IMAGE_FIELD_NUMBER: _ClassVar[int]
    FULL_SCREEN_TEXT_COLOR_FIELD_NUMBER: _ClassVar[int]
    BACKGROUND_IMAGE_V2_FIELD_NUMBER: _ClassVar[int]
    PUBLIC_AREA_COMMON_FIELD_NUMBER: _ClassVar[int]
    GIFT_IMAGE_FIELD_NUMBER: _ClassVar[int]
    INPUT_TYPE_FIELD_NUMBER: _ClassVar[int]
    AT_USER_FIELD_NUMBER: _ClassVar[int]
    EMOTES_FIELD_NUMBER: _ClassVar[int]
    CONTENT_LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    MSG_FILTER_FIELD_NUMBER: _ClassVar[int]
    QUICK_CHAT_SCENE_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FLAGGED_STATUS_FIELD_NUMBER: _ClassVar[int]
    USER_IDENTITY_FIELD_NUMBER: _ClassVar[int]
    COMMENT_QUALITY_SCORES_FIELD_NUMBER: _ClassVar[int]
    COMMENT_TAG_FIELD_NUMBER: _ClassVar[int]
    PUBLIC_AREA_MESSAGE_COMMON_FIELD_NUMBER: _ClassVar[int]
    SCREEN_TIME_FIELD_NUMBER: _ClassVar[int]
    SIGNATURE_FIELD_NUMBER: _ClassVar[int]
    SIGNATURE_VERSION_FIELD_NUMBER: _ClassVar[int]
    EC_STREAMER_KEY_FIELD_NUMBER: _ClassVar[int]
    COMMENT_LABEL_SCORES_FIELD_NUMBER: _ClassVar[int]
    MENTION_USER_LIST_FIELD_NUMBER: _ClassVar[int]
    MENTION_USERS_FIELD_NUMBER: _ClassVar[int]
    IS_ON_COMMENT_TRAY_FIELD_NUMBER: _ClassVar[int]
    common: CommonMessageData
    user: User
    content: str
    visible_to_sender: bool
    background_image: ImageModel
    full_screen_text_color: str
    background_image_v2: ImageModel
    public_area_common: PublicAreaCommon
    gift_image: ImageModel
    input_type: int
    at_user: User
    emotes: _containers.RepeatedCompositeFieldContainer[EmoteWithIndex]
    content_language: str
    msg_filter: MsgFilter
    quick_chat_scene: int
    community_flagged_status: int
    user_identity: UserIdentity
    comment_quality_scores: _containers.RepeatedCompositeFieldContainer[CommentQualityScore]
    comment_tag: _containers.RepeatedScalarFieldContainer[CommentTag]
    public_area_message_common: PublicAreaMessageCommon
    screen_time: int
    signature: str
    signature_version: str
    ec_streamer_key: str
    comment_label_scores: _containers.RepeatedCompositeFieldContainer[CommentLabelScore]
    mention_user_list: _containers.RepeatedScalarFieldContainer[int]
    mention_users: _containers.RepeatedCompositeFieldContainer[User]
    is_on_comment_tray: bool
    def __init__(self, common: _Optional[_Union[CommonMessageData, _Mapping]] = ..., user: _Optional[_Union[User, _Mapping]] = ..., content: _Optional[str] = ..., visible_to_sender: _Optional[bool] = ..., background_image: _Optional[_Union[ImageModel, _Mapping]] = ..., full_screen_text_color: _Optional[str] = ..., background_image_v2: _Optional[_Union[ImageModel, _Mapping]] = ..., public_area_common: _Optional[_Union[PublicAreaCommon, _Mapping]] = ..., gift_image: _Optional[_Union[ImageModel, _Mapping]] = ..., input_type: _Optional[int] = ..., at_user: _Optional[_Union[User, _Mapping]] = ..., emotes: _Optional[_Iterable[_Union[EmoteWithIndex, _Mapping]]] = ..., content_language: _Optional[str] = ..., msg_filter: _Optional[_Union[MsgFilter, _Mapping]] = ..., quick_chat_scene: _Optional[int] = ..., community_flagged_status: _Optional[int] = ..., user_identity: _Optional[_Union[UserIdentity, _Mapping]] = ..., comment_quality_scores: _Optional[_Iterable[_Union[CommentQualityScore, _Mapping]]] = ..., comment_tag: _Optional[_Iterable[_Union[CommentTag, str]]] = ..., public_area_message_common: _Optional[_Union[PublicAreaMessageCommon, _Mapping]] = ..., screen_time: _Optional[int] = ..., signature: _Optional[str] = ..., signature_version: _Optional[str] = ..., ec_streamer_key: _Optional[str] = ..., comment_label_scores: _Optional[_Iterable[_Union[CommentLabelScore, _Mapping]]] = ..., mention_user_list: _Optional[_Iterable[int]] = ..., mention_users: _Optional[_Iterable[_Union[User, _Mapping]]] = ..., is_on_comment_tray: _Optional[bool] = ...) -> None: ...

class WebcastControlMessage(_message.Message):
    __slots__ = ("common", "action", "tips", "extra", "perception_dialog", "perception_audience_text", "punish_info", "float_text", "float_style")
    COMMON_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    TIPS_FIELD_NUMBER: _ClassVar[int]
    EXTRA_FIELD_NUMBER: _ClassVar[int]
    PERCEPTION_DIALOG_FIELD_NUMBER: _ClassVar[int]
    PERCEPTION_AUDIENCE_TEXT_FIELD_NUMBER: _ClassVar[int]
    PUNISH_INFO_FIELD_NUMBER: _ClassVar[int]
    FLOAT_TEXT_FIELD_NUMBER: _ClassVar[int]
    FLOAT_STYLE_FIELD_NUMBER: _ClassVar[int]
    common: CommonMessageData
    action: ControlAction
    tips: str
    extra: Extra
    perception_dialog: PerceptionDialogInfo
    perception_audience_text: Text
    punish_info: PunishEventInfo
    float_text: Text
    float_style: int
    def __init__(self, common: _Optional[_Union[CommonMessageData, _Mapping]] = ..., action: _Optional[_Union[ControlAction, str]] = ..., tips: _Optional[str] = ..., extra: _Optional[_Union[Extra, _Mapping]] = ..., perception_dialog: _Optional[_Union[PerceptionDialogInfo, _Mapping]] = ..., perception_audience_text: _Optional[_Union[Text, _Mapping]] = ..., punish_info: _Optional[_Union[PunishEventInfo, _Mapping]] = ..., float_text: _Optional[_Union[Text, _Mapping]] = ..., float_style: _Optional[int] = ...) -> None: ...

class WebcastGiftMessage(_message.Message):
    __slots__ = ("common", "gift_id", "fan_ticket_count", "group_count", "repeat_count", "combo_count", "user", "to_user", "repeat_end", "text_effect", "group_id", "income_taskgifts", "room_fan_ticket_count", "priority", "gift", "log_id", "send_type", "public_area_common", "tray_display_text", "banned_display_effects", "tray_info", "monitor_extra", "monitor_info", "color_id", "is_first_sent", "display_text_for_anchor", "display_text_for_audience", "order_id", "gifts_in_box", "msg_filter", "lynx_extra", "user_identity", "match_info", "linkmic_gift_expression_strategy", "flying_mic_resources", "disable_gift_tracking", "asset", "version", "sponsorship_info", "flying_mic_resources_v2", "public_area_message_common", "signature", "signature_version", "multi_generate_message", "to_member_id", "to_member_id_int", "to_member_nickname", "interactive_gift_info", "display_duration_ms", "display_text_for_sender", "is_asset_bundle_gift", "asset_bundle", "effect_extra", "secondary_effect_info", "gift_variant_id", "shiny_card_unlock_token", "gift_effect")
    COMMON_FIELD_NUMBER: _ClassVar[int]
    GIFT_ID_FIELD_NUMBER: _ClassVar[int]
    FAN_TICKET_COUNT_FIELD_NUMBER: _ClassVar[int]
    GROUP_COUNT_FIELD_NUMBER: _ClassVar[int]
    REPEAT_COUNT_FIELD_NUMBER: _ClassVar[int]
    COMBO_COUNT_FIELD_NUMBER: _ClassVar[int]
    USER_FIELD_NUMBER: _ClassVar[int]
    TO_USER_FIELD_NUMBER: _ClassVar[int]
    REPEAT_END_FIELD_NUMBER: _ClassVar[int]
    TEXT_EFFECT_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    INCOME_TASKGIFTS_FIELD_NUMBER: _ClassVar[int]
    ROOM_FAN_TICKET_COUNT_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    GIFT_FIELD_NUMBER: _ClassVar[int]
    LOG_ID_FIELD_NUMBER: _ClassVar[int]
    SEND_TYPE_FIELD_NUMBER: _ClassVar[int]
    PUBLIC_AREA_COMMON_FIELD_NUMBER: _ClassVar[int]
    TRAY_DISPLAY_TEXT_FIELD_NUMBER: _ClassVar[int]
    BANNED_DISPLAY_EFFECTS_FIELD_NUMBER: _ClassVar[int]
    TRAY_INFO_FIELD_NUMBER: _ClassVar[int]
    MONITOR_EXTRA_FIELD_NUMBER: _ClassVar[int]
    MONITOR_INFO_FIELD_NUMBER: _ClassVar[int]
    COLOR_ID_FIELD_NUMBER: _ClassVar[int]
    IS_FIRST_SENT_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_TEXT_FOR_ANCHOR_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_TEXT_FOR_AUDIENCE_FIELD_NUMBER: _ClassVar[int]
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    GIFTS_IN_BOX_FIELD_NUMBER: _ClassVar[int]
    MSG_FILTER_FIELD_NUMBER: _ClassVar[int]
    LYNX_EXTRA_FIELD_NUMBER: _ClassVar[int]
    USER_IDENTITY_FIELD_NUMBER: _ClassVar[int]
    MATCH_INFO_FIELD_NUMBER: _ClassVar[int]
    LINKMIC_GIFT_EXPRESSION_STRATEGY_FIELD_NUMBER: _ClassVar[int]
    FLYING_MIC_RESOURCES_FIELD_NUMBER: _ClassVar[int]
    DISABLE_GIFT_TRACKING_FIELD_NUMBER: _ClassVar[int]
    ASSET_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    SPONSORSHIP_INFO_FIELD_NUMBER: _ClassVar[int]
    FLYING_MIC_RESOURCES_V2_FIELD_NUMBER: _ClassVar[int]
    PUBLIC_AREA_MESSAGE_COMMON_FIELD_NUMBER: _ClassVar[int]
    SIGNATURE_FIELD_NUMBER: _ClassVar[int]
    SIGNATURE_VERSION_FIELD_NUMBER: _ClassVar[int]
    MULTI_GENERATE_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    TO_MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    TO_MEMBER_ID_INT_FIELD_NUMBER: _ClassVar[int]
    TO_MEMBER_NICKNAME_FIELD_NUMBER: _ClassVar[int]
    INTERACTIVE_GIFT_INFO_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_DURATION_MS_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_TEXT_FOR_SENDER_FIELD_NUMBER: _ClassVar[int]
    IS_ASSET_BUNDLE_GIFT_FIELD_NUMBER: _ClassVar[int]
    ASSET_BUNDLE_FIELD_NUMBER: _ClassVar[int]
    EFFECT_EXTRA_FIELD_NUMBER: _ClassVar[int]
    SECONDARY_EFFECT_INFO_FIELD_NUMBER: _ClassVar[int]
    GIFT_VARIANT_ID_FIELD_NUMBER: _ClassVar[int]
    SHINY_CARD_UNLOCK_TOKEN_FIELD_NUMBER: _ClassVar[int]
    GIFT_EFFECT_FIELD_NUMBER: _ClassVar[int]
    common: CommonMessageData
    gift_id: int
    fan_ticket_count: int
    group_count: int
    repeat_count: int
    combo_count: int
    user: User
    to_user: User
    repeat_end: int
    text_effect: TextEffect
    group_id: int
    income_taskgifts: int
    room_fan_ticket_count: int
    priority: GiftIMPriority
    gift: Gift
    log_id: str
    send_type: int
    public_area_common: PublicAreaCommon
    tray_display_text: Text
    banned_display_effects: int
    tray_info: GiftTrayInfo
    monitor_extra: str
    monitor_info: GiftMonitorInfo
    color_id: int
    is_first_sent: bool
    display_text_for_anchor: Text
    display_text_for_audience: Text
    order_id: str
    gifts_in_box: GiftsBoxInfo
    msg_filter: MsgFilter
    lynx_extra: _containers.RepeatedCompositeFieldContainer[LynxGiftExtra]
    user_identity: UserIdentity
    match_info: MatchInfo
    linkmic_gift_expression_strategy: LinkmicGiftExpressionStrategy
    flying_mic_resources: FlyingMicResources
    disable_gift_tracking: bool
    asset: AssetsModel
    version: GiftMessageVersion
    sponsorship_info: _containers.RepeatedCompositeFieldContainer[SponsorshipInfo]
    flying_mic_resources_v2: FlyingMicResources
    public_area_message_common: PublicAreaMessageCommon
    signature: str
    signature_version: str
    multi_generate_message: bool
    to_member_id: str
    to_member_id_int: int
    to_member_nickname: str
    interactive_gift_info: InteractiveGiftInfo
    display_duration_ms: int
    display_text_for_sender: Text
    is_asset_bundle_gift: bool
    asset_bundle: AssetBundle
    effect_extra: str
    secondary_effect_info: SecondaryEffectInfo
    gift_variant_id: int
    shiny_card_unlock_token: str
    gift_effect: GiftEffect
    def __init__(self, common: _Optional[_Union[CommonMessageData, _Mapping]] = ..., gift_id: _Optional[int] = ..., fan_ticket_count: _Optional[int] = ..., group_count: _Optional[int] = ..., repeat_count: _Optional[int] = ..., combo_count: _Optional[int] = ..., user: _Optional[_Union[User, _Mapping]] = ..., to_user: _Optional[_Union[User, _Mapping]] = ..., repeat_end: _Optional[int] = ..., text_effect: _Optional[_Union[TextEffect, _Mapping]] = ..., group_id: _Optional[int] = ..., income_taskgifts: _Optional[int] = ..., room_fan_ticket_count: _Optional[int] = ..., priority: _Optional[_Union[GiftIMPriority, _Mapping]] = ..., gift: _Optional[_Union[Gift, _Mapping]] = ..., log_id: _Optional[str] = ..., send_type: _Optional[int] = ..., public_area_common: _Optional[_Union[PublicAreaCommon, _Mapping]] = ..., tray_display_text: _Optional[_Union[Text, _Mapping]] = ..., banned_display_effects: _Optional[int] = ..., tray_info: _Optional[_Union[GiftTrayInfo, _Mapping]] = ..., monitor_extra: _Optional[str] = ..., monitor_info: _Optional[_Union[GiftMonitorInfo, _Mapping]] = ..., color_id: _Optional[int] = ..., is_first_sent: _Optional[bool] = ..., display_text_for_anchor: _Optional[_Union[Text, _Mapping]] = ..., display_text_for_audience: _Optional[_Union[Text, _Mapping]] = ..., order_id: _Optional[str] = ..., gifts_in_box: _Optional[_Union[GiftsBoxInfo, _Mapping]] = ..., msg_filter: _Optional[_Union[MsgFilter, _Mapping]] = ..., lynx_extra: _Optional[_Iterable[_Union[LynxGiftExtra, _Mapping]]] = ..., user_identity: _Optional[_Union[UserIdentity, _Mapping]] = ..., match_info: _Optional[_Union[MatchInfo, _Mapping]] = ..., linkmic_gift_expression_strategy: _Optional[_Union[LinkmicGiftExpressionStrategy, str]] = ..., flying_mic_resources: _Optional[_Union[FlyingMicResources, _Mapping]] = ..., disable_gift_tracking: _Optional[bool] = ..., asset: _Optional[_Union[AssetsModel, _Mapping]] = ..., version: _Optional[_Union[GiftMessageVersion, str]] = ..., sponsorship_info: _Optional[_Iterable[_Union[SponsorshipInfo, _Mapping]]] = ..., flying_mic_resources_v2: _Optional[_Union[FlyingMicResources, _Mapping]] = ..., public_area_message_common: _Optional[_Union[PublicAreaMessageCommon, _Mapping]] = ..., signature: _Optional[str] = ..., signature_version: _Optional[str] = ..., multi_generate_message: _Optional[bool] = ..., to_member_id: _Optional[str] = ..., to_member_id_int: _Optional[int] = ..., to_member_nickname: _Optional[str] = ..., interactive_gift_info: _Optional[_Union[InteractiveGiftInfo, _Mapping]] = ..., display_duration_ms: _Optional[int] = ..., display_text_for_sender: _Optional[_Union[Text, _Mapping]] = ..., is_asset_bundle_gift: _Optional[bool] = ..., asset_bundle: _Optional[_Union[AssetBundle, _Mapping]] = ..., effect_extra: _Optional[str] = ..., secondary_effect_info: _Optional[_Union[SecondaryEffectInfo, _Mapping]] = ..., gift_variant_id: _Optional[int] = ..., shiny_card_unlock_token: _Optional[str] = ..., gift_effect: _Optional[_Union[GiftEffect, _Mapping]] = ...) -> None: ...

class WebcastLikeMessage(_message.Message):
    __slots__ = ("common", "count", "total", "color", "user", "icon", "icons", "specified_display_text", "effect_cnt", "like_effect", "public_area_message_common", "room_message_heat_level")
    COMMON_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    COLOR_FIELD_NUMBER: _ClassVar[int]
    USER_FIELD_NUMBER: _ClassVar[int]
    ICON_FIELD_NUMBER: _ClassVar[int]
    ICONS_FIELD_NUMBER: _ClassVar[int]
    SPECIFIED_DISPLAY_TEXT_FIELD_NUMBER: _ClassVar[int]
    EFFECT_CNT_FIELD_NUMBER: _ClassVar[int]
    LIKE_EFFECT_FIELD_NUMBER: _ClassVar[int]
    PUBLIC_AREA_MESSAGE_COMMON_FIELD_NUMBER: _ClassVar[int]
    ROOM_MESSAGE_HEAT_LEVEL_FIELD_NUMBER: _ClassVar[int]
    common: CommonMessageData
    count: int
    total: int
    color: int
    user: User
    icon: str
    icons: _containers.RepeatedCompositeFieldContainer[ImageModel]
    specified_display_text: _containers.RepeatedCompositeFieldContainer[SpecifiedDisplayText]
    effect_cnt: int
    like_effect: _containers.RepeatedCompositeFieldContainer[LikeEffect]
    public_area_message_common: PublicAreaMessageCommon
    room_message_heat_level: int
    def __init__(self, common: _Optional[_Union[CommonMessageData, _Mapping]] = ..., count: _Optional[int] = ..., total: _Optional[int] = ..., color: _Optional[int] = ..., user: _Optional[_Union[User, _Mapping]] = ..., icon: _Optional[str] = ..., icons: _Optional[_Iterable[_Union[ImageModel, _Mapping]]] = ..., specified_display_text: _Optional[_Iterable[_Union[SpecifiedDisplayText, _Mapping]]] = ..., effect_cnt: _Optional[int] = ..., like_effect: _Optional[_Iterable[_Union[LikeEffect, _Mapping]]] = ..., public_area_message_common: _Optional[_Union[PublicAreaMessageCommon, _Mapping]] = ..., room_message_heat_level: _Optional[int] = ...) -> None: ...

class WebcastMemberMessage(_message.Message):
    __slots__ = ("common", "user", "member_count", "operator", "is_set_to_admin", "is_top_user", "rank_score", "top_user_no", "enter_type", "action", "action_description", "user_id", "effect_config", "pop_str", "enter_effect_config", "background_image", "background_image_v2", "anchor_display_text", "client_enter_source", "client_enter_type", "client_live_reason", "action_duration", "user_share_type", "display_style", "admin_permissions", "kick_source", "allow_preview_time", "last_subscription_action", "public_area_message_common", "live_sub_only_tier", "live_sub_only_month", "ec_streamer_key", "show_wave", "wave_algorithm_data", "hit_ab_status")
    class AdminPermissionsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: int
        def __init__(self, key: _Optional[int] = ..., value: _Optional[int] = ...) -> None: ...
    COMMON_FIELD_NUMBER: _ClassVar[int]
    USER_FIELD_NUMBER: _ClassVar[int]
    MEMBER_COUNT_FIELD_NUMBER: _ClassVar[int]
    OPERATOR_FIELD_NUMBER: _ClassVar[int]
    IS_SET_TO_ADMIN_FIELD_NUMBER: _ClassVar[int]
    IS_TOP_USER_FIELD_NUMBER: _ClassVar[int]
    RANK_SCORE_FIELD_NUMBER: _ClassVar[int]
    TOP_USER_NO_FIELD_NUMBER: _ClassVar[int]
    ENTER_TYPE_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    ACTION_DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    EFFECT_CONFIG_FIELD_NUMBER: _ClassVar[int]
    POP_STR_FIELD_NUMBER: _ClassVar[int]
    ENTER_EFFECT_CONFIG_FIELD_NUMBER: _ClassVar[int]
    BACKGROUND_IMAGE_FIELD_NUMBER: _ClassVar[int]
    BACKGROUND_IMAGE_V2_FIELD_NUMBER: _ClassVar[int]
    ANCHOR_DISPLAY_TEXT_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ENTER_SOURCE_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ENTER_TYPE_FIELD_NUMBER: _ClassVar[int]
    CLIENT_LIVE_REASON_FIELD_NUMBER: _ClassVar[int]
    ACTION_DURATION_FIELD_NUMBER: _ClassVar[int]
    USER_SHARE_TYPE_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_STYLE_FIELD_NUMBER: _ClassVar[int]
    ADMIN_PERMISSIONS_FIELD_NUMBER: _ClassVar[int]
    KICK_SOURCE_FIELD_NUMBER: _ClassVar[int]
    ALLOW_PREVIEW_TIME_FIELD_NUMBER: _ClassVar[int]
    LAST_SUBSCRIPTION_ACTION_FIELD_NUMBER: _ClassVar[int]
    PUBLIC_AREA_MESSAGE_COMMON_FIELD_NUMBER: _ClassVar[int]
    LIVE_SUB_ONLY_TIER_FIELD_NUMBER: _ClassVar[int]
    LIVE_SUB_ONLY_MONTH_FIELD_NUMBER: _ClassVar[int]
    EC_STREAMER_KEY_FIELD_NUMBER: _ClassVar[int]
    SHOW_WAVE_FIELD_NUMBER: _ClassVar[int]
    WAVE_ALGORITHM_DATA_FIELD_NUMBER: _ClassVar[int]
    HIT_AB_STATUS_FIELD_NUMBER: _ClassVar[int]
    common: CommonMessageData
    user: User
    member_count: int
    operator: User
    is_set_to_admin: bool
    is_top_user: bool
    rank_score: int
    top_user_no: int
    enter_type: int
    action: MemberMessageAction
    action_description: str
    user_id: int
    effect_config: bytes
    pop_str: str
    enter_effect_config: EffectConfigBean
    background_image: ImageModel
    background_image_v2: ImageModel
    anchor_display_text: Text
    client_enter_source: str
    client_enter_type: str
    client_live_reason: str
    action_duration: int
    user_share_type: str
    display_style: DisplayStyle
    admin_permissions: _containers.ScalarMap[int, int]
    kick_source: int
    allow_preview_time: int
    last_subscription_action: int
    public_area_message_common: PublicAreaMessageCommon
    live_sub_only_tier: int
    live_sub_only_month: int
    ec_streamer_key: str
    show_wave: int
    wave_algorithm_data: WaveAlgorithmData
    hit_ab_status: HitAbStatus
    def __init__(self, common: _Optional[_Union[CommonMessageData, _Mapping]] = ..., user: _Optional[_Union[User, _Mapping]] = ..., member_count: _Optional[int] = ..., operator: _Optional[_Union[User, _Mapping]] = ..., is_set_to_admin: _Optional[bool] = ..., is_top_user: _Optional[bool] = ..., rank_score: _Optional[int] = ..., top_user_no: _Optional[int] = ..., enter_type: _Optional[int] = ..., action: _Optional[_Union[MemberMessageAction, str]] = ..., action_description: _Optional[str] = ..., user_id: _Optional[int] = ..., effect_config: _Optional[bytes] = ..., pop_str: _Optional[str] = ..., enter_effect_config: _Optional[_Union[EffectConfigBean, _Mapping]] = ..., background_image: _Optional[_Union[ImageModel, _Mapping]] = ..., background_image_v2: _Optional[_Union[ImageModel, _Mapping]] = ..., anchor_display_text: _Optional[_Union[Text, _Mapping]] = ..., client_enter_source: _Optional[str] = ..., client_enter_type: _Optional[str] = ..., client_live_reason: _Optional[str] = ..., action_duration: _Optional[int] = ..., user_share_type: _Optional[str] = ..., display_style: _Optional[_Union[DisplayStyle, str]] = ..., admin_permissions: _Optional[_Mapping[int, int]] = ..., kick_source: _Optional[int] = ..., allow_preview_time: _Optional[int] = ..., last_subscription_action: _Optional[int] = ..., public_area_message_common: _Optional[_Union[PublicAreaMessageCommon, _Mapping]] = ..., live_sub_only_tier: _Optional[int] = ..., live_sub_only_month: _Optional[int] = ..., ec_streamer_key: _Optional[str] = ..., show_wave: _Optional[int] = ..., wave_algorithm_data: _Optional[_Union[WaveAlgorithmData, _Mapping]] = ..., hit_ab_status: _Optional[_Union[HitAbStatus, str]] = ...) -> None: ...

class WebcastPushFrame(_message.Message):
    __slots__ = ("seq_id", "log_id", "service", "method", "headers", "payload_encoding", "payload_type", "payload")
    SEQ_ID_FIELD_NUMBER: _ClassVar[int]
    LOG_ID_FIELD_NUMBER: _ClassVar[int]
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    HEADERS_FIELD_NUMBER: _ClassVar[int]
    PAYLOAD_ENCODING_FIELD_NUMBER: _ClassVar[int]
    PAYLOAD_TYPE_FIELD_NUMBER: _ClassVar[int]
    PAYLOAD_FIELD_NUMBER: _ClassVar[int]
    seq_id: int
    log_id: int
    service: int
    method: int
    headers: _containers.RepeatedCompositeFieldContainer[PushHeader]
    payload_encoding: str
    payload_type: str
    payload: bytes
    def __init__(self, seq_id: _Optional[int] = ..., log_id: _Optional[int] = ..., service: _Optional[int] = ..., method: _Optional[int] = ..., headers: _Optional[_Iterable[_Union[PushHeader, _Mapping]]] = ..., payload_encoding: _Optional[str] = ..., payload_type: _Optional[str] = ..., payload: _Optional[bytes] = ...) -> None: ...

class WebcastRoomUserSeqMessage(_message.Message):
    __slots__ = ("common", "ranks", "total", "pop_str", "seats", "popularity", "total_user", "anonymous")
    COMMON_FIELD_NUMBER: _ClassVar[int]
    RANKS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    POP_STR_FIELD_NUMBER: _ClassVar[int]
    SEATS_FIELD_NUMBER: _ClassVar[int]
    POPULARITY_FIELD_NUMBER: _ClassVar[int]
    TOTAL_USER_FIELD_NUMBER: _ClassVar[int]
    ANONYMOUS_FIELD_NUMBER: _ClassVar[int]
    common: CommonMessageData
    ranks: _containers.RepeatedCompositeFieldContainer[Contributor]
    total: int
    pop_str: str
    seats: _containers.RepeatedCompositeFieldContainer[Contributor]
    popularity: int
    total_user: int
    anonymous: int
    def __init__(self, common: _Optional[_Union[CommonMessageData, _Mapping]] = ..., ranks: _Optional[_Iterable[_Union[Contributor, _Mapping]]] = ..., total: _Optional[int] = ..., pop_str: _Optional[str] = ..., seats: _Optional[_Iterable[_Union[Contributor, _Mapping]]] = ..., popularity: _Optional[int] = ..., total_user: _Optional[int] = ..., anonymous: _Optional[int] = ...) -> None: ...

class WebcastSocialMessage(_message.Message):
    __slots__ = ("common", "user", "share_type", "action", "share_target", "follow_count", "share_display_style", "share_count", "public_area_message_common", "signature", "signature_version", "show_duration_ms", "follow_type", "target_user_id", "scene")
    COMMON_FIELD_NUMBER: _ClassVar[int]
    USER_FIELD_NUMBER: _ClassVar[int]
    SHARE_TYPE_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    SHARE_TARGET_FIELD_NUMBER: _ClassVar[int]
    FOLLOW_COUNT_FIELD_NUMBER: _ClassVar[int]
    SHARE_DISPLAY_STYLE_FIELD_NUMBER: _ClassVar[int]
    SHARE_COUNT_FIELD_NUMBER: _ClassVar[int]
    PUBLIC_AREA_MESSAGE_COMMON_FIELD_NUMBER: _ClassVar[int]
    SIGNATURE_FIELD_NUMBER: _ClassVar[int]
    SIGNATURE_VERSION_FIELD_NUMBER: _ClassVar[int]
    SHOW_DURATION_MS_FIELD_NUMBER: _ClassVar[int]
    FOLLOW_TYPE_FIELD_NUMBER: _ClassVar[int]
    TARGET_USER_ID_FIELD_NUMBER: _ClassVar[int]
    SCENE_FIELD_NUMBER: _ClassVar[int]
    common: CommonMessageData
    user: User
    share_type: int
    action: int
    share_target: str
    follow_count: int
    share_display_style: int
    share_count: int
    public_area_message_common: PublicAreaMessageCommon
    signature: str
    signature_version: str
    show_duration_ms: int
    follow_type: int
    target_user_id: int
    scene: str
    def __init__(self, common: _Optional[_Union[CommonMessageData, _Mapping]] = ..., user: _Optional[_Union[User, _Mapping]] = ..., share_type: _Optional[int] = ..., action: _Optional[int] = ..., share_target: _Optional[str] = ..., follow_count: _Optional[int] = ..., share_display_style: _Optional[int] = ..., share_count: _Optional[int] = ..., public_area_message_common: _Optional[_Union[PublicAreaMessageCommon, _Mapping]] = ..., signature: _Optional[str] = ..., signature_version: _Optional[str] = ..., show_duration_ms: _Optional[int] = ..., follow_type: _Optional[int] = ..., target_user_id: _Optional[int] = ..., scene: _Optional[str] = ...) -> None: ...
