"""circle"""
