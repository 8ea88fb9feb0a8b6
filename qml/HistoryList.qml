// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Coroscope

// Every finished run, saved automatically: reopen, rename, delete, pin.
ColumnLayout {
    id: root
    property AppController controller
    spacing: 0

    Label {
        Layout.fillWidth: true
        Layout.margins: 8
        wrapMode: Text.WordWrap
        font.pixelSize: 11
        color: palette.placeholderText
        text: qsTr("%n saved runs in %1", "", root.controller.history.count).arg(root.controller.historyDirectory())
    }
    ListView {
        id: list
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        model: root.controller.history
        ScrollBar.vertical: ScrollBar {}
        delegate: ItemDelegate {
            id: row
            required property int index
            required property string name
            required property string summary
            required property string status
            required property bool pinned
            width: ListView.view.width
            onDoubleClicked: root.controller.openHistory(index)
            contentItem: RowLayout {
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 0
                    TextField {
                        id: nameField
                        Layout.fillWidth: true
                        visible: false
                        text: row.name
                        onAccepted: {
                            const error = root.controller.history.rename(row.index, text)
                            if (error !== "")
                                ToolTip.show(error, 3000)
                            visible = false
                        }
                        Keys.onEscapePressed: visible = false
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: !nameField.visible
                        text: (row.pinned ? "📌 " : "") + row.name
                        elide: Text.ElideMiddle
                        HoverHandler { id: nameHover }
                        ToolTip.visible: nameHover.hovered && truncated
                        ToolTip.text: row.name
                    }
                    Label {
                        Layout.fillWidth: true
                        text: row.summary
                        font.pixelSize: 11
                        color: row.status === "ok" ? palette.placeholderText : "#cf222e"
                        elide: Text.ElideRight
                    }
                }
                ToolButton {
                    text: qsTr("Open")
                    onClicked: root.controller.openHistory(row.index)
                }
                ToolButton {
                    objectName: "historyPin"
                    text: row.pinned ? qsTr("Unpin") : qsTr("Pin")
                    onClicked: root.controller.pinHistory(row.index)
                    ToolTip.visible: hovered
                    ToolTip.text: row.pinned ? qsTr("Take it out of the compare view") : qsTr("Pin for comparison")
                }
                ToolButton {
                    text: qsTr("Rename")
                    onClicked: {
                        nameField.visible = true
                        nameField.forceActiveFocus()
                        nameField.selectAll()
                    }
                }
                ToolButton {
                    text: qsTr("Delete")
                    onClicked: root.controller.history.remove(row.index)
                }
            }
        }
    }
}
